// The 27 top-level units of the KATOTTH codifier (state of 16.05.2025, Ministry for Development of
// Communities and Territories, national open-data portal; see reference-data/README.md).
// A test checks this list against reference-data/katottg-2025-05-16.csv so it cannot drift.

export interface Oblast {
  readonly code: string;
  readonly uk: string;
  readonly en: string;
}

export const OBLASTS: readonly Oblast[] = [
  { code: 'UA01000000000013043', uk: 'Автономна Республіка Крим', en: 'Autonomous Republic of Crimea' },
  { code: 'UA05000000000010236', uk: 'Вінницька область', en: 'Vinnytsia Oblast' },
  { code: 'UA07000000000024379', uk: 'Волинська область', en: 'Volyn Oblast' },
  { code: 'UA12000000000090473', uk: 'Дніпропетровська область', en: 'Dnipropetrovsk Oblast' },
  { code: 'UA14000000000091971', uk: 'Донецька область', en: 'Donetsk Oblast' },
  { code: 'UA18000000000041385', uk: 'Житомирська область', en: 'Zhytomyr Oblast' },
  { code: 'UA21000000000011690', uk: 'Закарпатська область', en: 'Zakarpattia Oblast' },
  { code: 'UA23000000000064947', uk: 'Запорізька область', en: 'Zaporizhzhia Oblast' },
  { code: 'UA26000000000069363', uk: 'Івано-Франківська область', en: 'Ivano-Frankivsk Oblast' },
  { code: 'UA32000000000030281', uk: 'Київська область', en: 'Kyiv Oblast' },
  { code: 'UA35000000000016081', uk: 'Кіровоградська область', en: 'Kirovohrad Oblast' },
  { code: 'UA44000000000018893', uk: 'Луганська область', en: 'Luhansk Oblast' },
  { code: 'UA46000000000026241', uk: 'Львівська область', en: 'Lviv Oblast' },
  { code: 'UA48000000000039575', uk: 'Миколаївська область', en: 'Mykolaiv Oblast' },
  { code: 'UA51000000000030770', uk: 'Одеська область', en: 'Odesa Oblast' },
  { code: 'UA53000000000028050', uk: 'Полтавська область', en: 'Poltava Oblast' },
  { code: 'UA56000000000066151', uk: 'Рівненська область', en: 'Rivne Oblast' },
  { code: 'UA59000000000057109', uk: 'Сумська область', en: 'Sumy Oblast' },
  { code: 'UA61000000000060328', uk: 'Тернопільська область', en: 'Ternopil Oblast' },
  { code: 'UA63000000000041885', uk: 'Харківська область', en: 'Kharkiv Oblast' },
  { code: 'UA65000000000030969', uk: 'Херсонська область', en: 'Kherson Oblast' },
  { code: 'UA68000000000099709', uk: 'Хмельницька область', en: 'Khmelnytskyi Oblast' },
  { code: 'UA71000000000010357', uk: 'Черкаська область', en: 'Cherkasy Oblast' },
  { code: 'UA73000000000044923', uk: 'Чернівецька область', en: 'Chernivtsi Oblast' },
  { code: 'UA74000000000025378', uk: 'Чернігівська область', en: 'Chernihiv Oblast' },
  { code: 'UA80000000000093317', uk: 'м. Київ', en: 'Kyiv (city)' },
  { code: 'UA85000000000065278', uk: 'м. Севастополь', en: 'Sevastopol (city)' },
];

export const OBLAST_CODES = OBLASTS.map((oblast) => oblast.code) as [string, ...string[]];
