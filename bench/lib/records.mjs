// 1,000 realistic damage reports, made from the domain schemas and checked with the same
// checkSubmission the phone and the server run. Seeded, so every run and every comparison uses the
// same records: names, RNOKPP with a valid check digit, phones in the ways people type them, real
// KATOTTH settlement codes from public/katottg, and descriptions of 50–400 characters of Ukrainian.
import { readFileSync } from 'node:fs';
import { loadDomain } from './domain.mjs';

/** mulberry32: small, fast, good enough to pick test data deterministically. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUuid(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const SURNAMES = [
  'Шевченко',
  'Коваленко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Шевчук',
  'Поліщук',
  'Бойко',
  'Ткачук',
  'Мельник',
  'Лисенко',
  'Марченко',
  'Савченко',
  'Руденко',
  'Мороз',
  'Петренко',
  'Гончаренко',
  'Клименко',
  'Павленко',
  'Кузьменко',
  'Левченко',
  'Харченко',
  'Карпенко',
  'Вовк',
  'Сидоренко',
  'Власенко',
  'Литвиненко',
  'Гнатюк',
  'Дем’яненко',
  'Пʼятничук',
  'Костенко',
  'Яковенко',
  'Собко',
  'Заїка',
  'Іваненко',
  'Юрченко',
  'Остапчук',
  'Федоренко',
  'Мирошниченко',
];
const FEMALE_NAMES = [
  'Олена',
  'Наталія',
  'Тетяна',
  'Ірина',
  'Світлана',
  'Оксана',
  'Марʼяна',
  'Людмила',
  'Галина',
  'Валентина',
  'Катерина',
  'Юлія',
  'Анна-Марія',
  'Ольга',
  'Надія',
  'Віра',
  'Софія',
  'Ганна',
];
const MALE_NAMES = [
  'Олександр',
  'Сергій',
  'Андрій',
  'Володимир',
  'Микола',
  'Іван',
  'Василь',
  'Петро',
  'Юрій',
  'Дмитро',
  'Віталій',
  'Богдан',
  'Тарас',
  'Олег',
  'Ігор',
  'Михайло',
  'Євген',
  'Григорій',
];
const FATHER_NAMES = [
  ['Петро', 'Петрович', 'Петрівна'],
  ['Іван', 'Іванович', 'Іванівна'],
  ['Микола', 'Миколайович', 'Миколаївна'],
  ['Василь', 'Васильович', 'Василівна'],
  ['Олександр', 'Олександрович', 'Олександрівна'],
  ['Володимир', 'Володимирович', 'Володимирівна'],
  ['Сергій', 'Сергійович', 'Сергіївна'],
  ['Григорій', 'Григорович', 'Григорівна'],
  ['Юрій', 'Юрійович', 'Юріївна'],
  ['Анатолій', 'Анатолійович', 'Анатоліївна'],
  ['Степан', 'Степанович', 'Степанівна'],
  ['Віктор', 'Вікторович', 'Вікторівна'],
];
const STREETS = [
  'вул. Шевченка',
  'вул. Героїв України',
  'вул. Незалежності',
  'вул. Соборна',
  'вул. Лесі Українки',
  'вул. Івана Франка',
  'вул. Садова',
  'вул. Центральна',
  'вул. Миру',
  'вул. Польова',
  'вул. Шкільна',
  'вул. Зелена',
  'вул. Молодіжна',
  'вул. Гагаріна',
  'вул. Грушевського',
  'вул. Богдана Хмельницького',
  'вул. Козацька',
  'вул. Вишнева',
  'вул. Набережна',
  'вул. Степана Бандери',
  'просп. Перемоги',
  'просп. Миру',
  'просп. Науки',
  'бульв. Слави',
  'пров. Тихий',
  'пров. Квітковий',
  'вул. 23 Серпня',
  'вул. Академіка Павлова',
  'вул. Київська',
  'вул. Харківська',
];
// First two digits of post codes by oblast (Ukrposhta's regional ranges), so addresses look real.
const POST_PREFIX = {
  UA05: ['21', '22', '23', '24'],
  UA12: ['49', '50', '51', '52', '53'],
  UA14: ['84', '85', '86', '87'],
  UA18: ['10', '11', '12', '13'],
  UA23: ['69', '70', '71', '72'],
  UA32: ['07', '08', '09'],
  UA35: ['25', '26', '27', '28'],
  UA44: ['91', '92', '93', '94'],
  UA46: ['79', '80', '81', '82'],
  UA48: ['54', '55', '56', '57'],
  UA51: ['65', '66', '67', '68'],
  UA53: ['36', '37', '38', '39'],
  UA59: ['40', '41', '42'],
  UA63: ['61', '62', '63', '64'],
  UA65: ['73', '74', '75'],
  UA71: ['18', '19', '20'],
  UA74: ['14', '15', '16', '17'],
  UA80: ['01', '02', '03', '04'],
};
// Where damage reports come from: mostly the oblasts under shelling, some from everywhere else.
const OBLAST_WEIGHTS = {
  UA63000000000041885: 14,
  UA14000000000091971: 10,
  UA32000000000030281: 10,
  UA80000000000093317: 8,
  UA23000000000064947: 8,
  UA12000000000090473: 8,
  UA48000000000039575: 6,
  UA65000000000030969: 6,
  UA74000000000025378: 6,
  UA59000000000057109: 6,
  UA51000000000030770: 5,
  UA18000000000041385: 3,
  UA53000000000028050: 3,
  UA46000000000026241: 2,
  UA05000000000010236: 2,
  UA35000000000016081: 2,
  UA71000000000010357: 1,
};
const ROOMS = ['кухні', 'вітальні', 'спальні', 'дитячій кімнаті', 'коридорі', 'ванній кімнаті', 'передпокої'];
const OPENINGS = [
  'Внаслідок обстрілу {date} ',
  'Під час нічної атаки дронів ',
  'Після влучання ракети в сусідній будинок ',
  'Унаслідок вибуху поблизу ',
  'Від вибухової хвилі ',
  'Через падіння уламків збитого дрона ',
  'Під час артилерійського обстрілу села ',
];
const DAMAGE = [
  'вибито {n} вікон у {room} та {room2}',
  'пошкоджено покрівлю на площі близько {m} м²',
  'зруйновано частину стіни з боку вулиці',
  'тріснула несуча стіна, видно щілини до {cm} см',
  'вирвано вхідні двері разом з коробкою',
  'посічено уламками фасад і ворота',
  'пошкоджено газову трубу, газ перекрито',
  'обвалилася стеля у {room}',
  'згоріла надвірна споруда (сарай)',
  'пошкоджено електропроводку, будинок знеструмлено',
  'вибито скло на засклених балконах',
  'пошкоджено шифер та крокви, дах протікає',
  'розбито паркан і гараж',
  'зруйновано димар і частину горища',
  'уламками пробито дах гаража та автомобіль у дворі',
  'знесло металеву покрівлю літньої кухні',
  'вибухом пошкоджено опалювальний котел і радіатори',
  'пошкоджено каналізаційну трубу в підвалі',
  'деформовано металопластикові рами на {n} вікнах',
  'осколки пробили двері балкона і меблі у {room}',
  'обвалилася частина цегляної кладки фронтону',
  'на {m} м² відпала штукатурка зі стелі',
  'пошкоджено сонячні панелі на даху (дві з шести)',
  'зруйновано погріб і хлів',
];
const AFTER = [
  'Тимчасово закрили вікна плівкою та OSB-плитою.',
  'Проживати в будинку зараз неможливо, живемо у родичів.',
  'Є фото пошкоджень, зроблені того ж дня.',
  'Комісія від громади ще не приходила.',
  'Сусіди можуть підтвердити.',
  'Частину уламків прибрали самостійно.',
  'Потрібна заміна вікон до початку опалювального сезону.',
  'Акт обстеження складено представником старостату.',
  'Опалення не працює, котел пошкоджено.',
  'Вода потрапляє до квартири нижче.',
  'Звернулися до ЦНАП {date2}, сказали подати повідомлення через застосунок.',
  'У будинку проживає {n} осіб, з них двоє дітей.',
  'Мама літня, пересувається з ходунками, тому ремонт потрібен терміново.',
  'Орієнтовна вартість відновлення за кошторисом майстра — {k} тис. грн.',
  'Документи на право власності збереглися, копії є.',
  'Страхування житла не було.',
  'Попереднє повідомлення подавали у {year} році, але рішення не отримали.',
  'Поліція склала протокол, номер є на фото.',
  'Будинок стоїть на околиці, поруч лісосмуга.',
  'Після дощу вода тече по стіні в кімнату.',
];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function weightedPick(random, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, weight] of entries) {
    r -= weight;
    if (r < 0) return key;
  }
  return entries[0][0];
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

const RNOKPP_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/** A taxpayer number consistent with the birth date and sex, with a valid check digit. */
function rnokppFor(random, birth, male) {
  const days = Math.round((birth.getTime() - Date.UTC(1899, 11, 31)) / 86_400_000);
  let digits = pad(days, 5) + pad(Math.floor(random() * 1000), 3);
  let sexDigit = Math.floor(random() * 5) * 2 + (male ? 1 : 0);
  if (sexDigit > 9) sexDigit -= 2;
  digits += String(sexDigit);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += RNOKPP_WEIGHTS[i] * Number(digits[i]);
  const remainder = ((sum % 11) + 11) % 11;
  return digits + String(remainder === 10 ? 0 : remainder);
}

function phoneAsTyped(random) {
  const operator = pick(random, ['50', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99']);
  const rest = Array.from({ length: 7 }, () => Math.floor(random() * 10)).join('');
  switch (Math.floor(random() * 4)) {
    case 0:
      return `0${operator} ${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5)}`;
    case 1:
      return `+380${operator}${rest}`;
    case 2:
      return `(0${operator}) ${rest.slice(0, 3)}-${rest.slice(3, 5)}-${rest.slice(5)}`;
    default:
      return `0${operator}${rest}`;
  }
}

function description(random, eventDate) {
  const target = 50 + Math.floor(random() * 351);
  const fill = (template) =>
    template
      .replace('{date}', eventDate)
      .replace('{n}', String(2 + Math.floor(random() * 9)))
      .replace('{m}', String(5 + Math.floor(random() * 80)))
      .replace('{cm}', String(1 + Math.floor(random() * 15)))
      .replace('{room}', pick(random, ROOMS))
      .replace('{room2}', pick(random, ROOMS))
      .replace('{room}', pick(random, ROOMS))
      .replace('{date2}', `${pad(1 + Math.floor(random() * 28))}.${pad(1 + Math.floor(random() * 12))}.2025`)
      .replace('{k}', String(15 + Math.floor(random() * 400)))
      .replace('{year}', String(2022 + Math.floor(random() * 3)));
  const sentences = [`${fill(pick(random, OPENINGS))}${fill(pick(random, DAMAGE))}`];
  let length = sentences[0].length;
  while (length < target) {
    const next =
      random() < 0.5
        ? `${pick(random, ['Також', 'Крім того,', 'Окрім цього,', 'Ще'])} ${fill(pick(random, DAMAGE))}`
        : fill(pick(random, AFTER));
    if (sentences.includes(next)) continue;
    sentences.push(next);
    length += next.length + 2;
  }
  // Whole sentences, ending with a full stop, cut at a word boundary if the last one runs past 400.
  let text = sentences.map((sentence) => sentence.replace(/\.$/, '')).join('. ');
  if (text.length > 399) text = text.slice(0, text.lastIndexOf(' ', 398)).replace(/[,;:]$/, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

let settlementsByOblast;

/** Settlements (cities, towns, villages; Kyiv itself) of each oblast, from the app's own KATOTTH files. */
async function settlements() {
  if (settlementsByOblast) return settlementsByOblast;
  const domain = await loadDomain();
  settlementsByOblast = {};
  for (const oblast of Object.keys(OBLAST_WEIGHTS)) {
    const tree = domain.decodeOblastFile(JSON.parse(readFileSync(`public/katottg/${oblast}.json`, 'utf8')));
    settlementsByOblast[oblast] = [...tree.units.values()]
      .filter((unit) => domain.SETTLEMENT_CATEGORIES.includes(unit.category))
      .map((unit) => unit.code);
  }
  return settlementsByOblast;
}

function typedDamageReport(random, places) {
  const male = random() < 0.45;
  const birth = new Date(
    Date.UTC(1940 + Math.floor(random() * 62), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
  );
  const father = pick(random, FATHER_NAMES);
  const oblast = weightedPick(random, OBLAST_WEIGHTS);
  const settlement = pick(random, places[oblast]);
  const event = new Date(Date.UTC(2022, 1, 24) + Math.floor(random() * 1300) * 86_400_000);
  const eventDate = `${pad(event.getUTCDate())}.${pad(event.getUTCMonth() + 1)}.${event.getUTCFullYear()}`;
  const propertyType = weightedPick(random, {
    apartment: 40,
    house: 45,
    garden_house: 5,
    unfinished: 3,
    non_residential: 7,
  });
  const elements = ['roof', 'walls', 'windows', 'doors', 'utilities', 'interior', 'other'].filter(
    (_, index) => random() < (index === 2 ? 0.8 : 0.3),
  );
  const surname = pick(random, SURNAMES);
  const givenName = pick(random, male ? MALE_NAMES : FEMALE_NAMES);
  const report = {
    surname,
    givenName,
    patronymic: father[male ? 1 : 2],
    rnokpp: rnokppFor(random, birth, male),
    phone: phoneAsTyped(random),
    applicantRole: weightedPick(random, { owner: 80, coOwner: 15, representative: 5 }),
    propertyType,
    propOblast: oblast,
    propSettlement: settlement,
    propStreet: pick(random, STREETS),
    propBuilding: `${1 + Math.floor(random() * 180)}${random() < 0.1 ? 'А' : ''}`,
    propPostCode: `${pick(random, POST_PREFIX[oblast.slice(0, 4)] ?? ['01'])}${pad(Math.floor(random() * 1000), 3)}`,
    area:
      random() < 0.5
        ? `${30 + Math.floor(random() * 120)},${Math.floor(random() * 10)}`
        : String(30 + Math.floor(random() * 150)),
    eventDate,
    cause: weightedPick(random, { hostilities: 92, terrorAct: 5, sabotage: 3 }),
    damageStatus: random() < 0.8 ? 'damaged' : 'destroyed',
    damagedElements: elements.length > 0 ? elements : ['windows'],
    description: description(random, eventDate),
  };
  if (propertyType === 'apartment') report.propApartment = String(1 + Math.floor(random() * 240));
  if (random() < 0.3)
    report.email = `${['olena', 'ivan', 'mykola', 'tania', 'serhii', 'iryna'][Math.floor(random() * 6)]}.${Math.floor(random() * 9000) + 100}@${pick(random, ['ukr.net', 'gmail.com', 'i.ua', 'meta.ua'])}`;
  if (random() < 0.2) report.registryNumber = `${Math.floor(random() * 9e12) + 1e12}`;
  if (random() < 0.4) {
    report.locationConsent = true;
    report.latitude = Math.round((46 + random() * 5) * 1e6) / 1e6;
    report.longitude = Math.round((30 + random() * 8) * 1e6) / 1e6;
    report.locationAccuracy = Math.round(5 + random() * 60);
  }
  return report;
}

/**
 * `count` damage reports as the person typed them (`typed`) and as checkSubmission normalises them
 * (`fields`, what the app sends and the server stores), each with a record id, a reference number and a
 * capture time.
 */
export async function makeDamageReports(count, seed = 20240224) {
  const domain = await loadDomain();
  const places = await settlements();
  const random = seededRandom(seed);
  const records = [];
  for (let i = 0; i < count; i++) {
    const typed = typedDamageReport(random, places);
    const check = domain.checkSubmission('damageReport', typed);
    if (!check.ok) throw new Error(`generated record ${i} is invalid: ${JSON.stringify(check.issues)}`);
    records.push({
      recordId: seededUuid(random),
      service: 'damageReport',
      reference: domain.createReferenceNumber((bytes) => {
        for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(random() * 256);
      }),
      capturedAt: new Date(Date.UTC(2025, 5, 1) + i * 37_000).toISOString(),
      typed,
      fields: check.fields,
    });
  }
  return records;
}

/** Sizes that describe the records, for the JSON. */
export function describeRecords(records) {
  const lengths = records.map((record) => record.typed.description.length);
  const json = records.map((record) => Buffer.byteLength(JSON.stringify(record.fields)));
  return {
    count: records.length,
    service: 'damageReport',
    descriptionChars: {
      min: Math.min(...lengths),
      max: Math.max(...lengths),
      mean: lengths.reduce((a, b) => a + b, 0) / lengths.length,
    },
    fieldsJsonBytes: {
      min: Math.min(...json),
      max: Math.max(...json),
      mean: json.reduce((a, b) => a + b, 0) / json.length,
    },
  };
}

function ibanFor(random) {
  const bban = `${pad(300000 + Math.floor(random() * 99999), 6)}${Array.from({ length: 19 }, () => Math.floor(random() * 10)).join('')}`;
  // ISO 13616: move "UA00" to the end, letters as numbers (U=30, A=10), 98 − (that mod 97).
  let remainder = 0;
  for (const digit of `${bban}301000`) remainder = (remainder * 10 + Number(digit)) % 97;
  return `UA${pad(98 - remainder)}${bban}`;
}

function displayDate(date) {
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

function householdRows(random, surname, count) {
  const rows = {};
  for (let i = 0; i < count; i++) {
    const id = seededUuid(random);
    const child = i > 0 || random() < 0.5;
    const male = random() < 0.5;
    rows[`household/${id}/_exists`] = true;
    rows[`household/${id}/surname`] = surname;
    rows[`household/${id}/givenName`] = pick(random, male ? MALE_NAMES : FEMALE_NAMES);
    rows[`household/${id}/birthDate`] = displayDate(
      new Date(
        Date.UTC(
          child ? 2008 + Math.floor(random() * 15) : 1950 + Math.floor(random() * 40),
          Math.floor(random() * 12),
          1 + Math.floor(random() * 28),
        ),
      ),
    );
    rows[`household/${id}/relationship`] = child ? 'child' : pick(random, ['spouse', 'parent', 'sibling']);
  }
  return rows;
}

function addressAsTyped(random, places, prefix) {
  const oblast = weightedPick(random, OBLAST_WEIGHTS);
  const out = {
    [`${prefix}Oblast`]: oblast,
    [`${prefix}Settlement`]: pick(random, places[oblast]),
    [`${prefix}Street`]: pick(random, STREETS),
    [`${prefix}Building`]: String(1 + Math.floor(random() * 120)),
    [`${prefix}PostCode`]: `${pick(random, POST_PREFIX[oblast.slice(0, 4)] ?? ['01'])}${pad(Math.floor(random() * 1000), 3)}`,
  };
  if (random() < 0.5) out[`${prefix}Apartment`] = String(1 + Math.floor(random() * 200));
  return out;
}

/**
 * Complete forms as the person types them, for each of the three services (checked with
 * checkSubmission): the save benchmark opens them as drafts and steps through them.
 */
export async function makeServiceForms(count, seed = 1991) {
  const domain = await loadDomain();
  const places = await settlements();
  const random = seededRandom(seed);
  const out = { damageReport: [], idpRegistration: [], benefitApplication: [] };
  for (let i = 0; i < count; i++) {
    out.damageReport.push(typedDamageReport(random, places));
    const male = random() < 0.45;
    const birth = new Date(
      Date.UTC(1950 + Math.floor(random() * 50), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
    );
    const surname = pick(random, SURNAMES);
    const person = {
      surname,
      givenName: pick(random, male ? MALE_NAMES : FEMALE_NAMES),
      patronymic: pick(random, FATHER_NAMES)[male ? 1 : 2],
      birthDate: displayDate(birth),
      rnokpp: rnokppFor(random, birth, male),
      phone: phoneAsTyped(random),
    };
    const letters = 'АБВГДЕЖКМНОПРСТ';
    out.idpRegistration.push({
      ...person,
      sex: male ? 'male' : 'female',
      birthPlace: `м. ${pick(random, ['Маріуполь', 'Бахмут', 'Херсон', 'Мелітополь', 'Сєвєродонецьк', 'Покровськ'])}`,
      citizenship: 'UA',
      documentType: 'passportBooklet',
      documentNumber: `${letters[Math.floor(random() * letters.length)]}${letters[Math.floor(random() * letters.length)]}${pad(Math.floor(random() * 1e6), 6)}`,
      ...addressAsTyped(random, places, 'reg'),
      ...addressAsTyped(random, places, 'act'),
      displacementReason: pick(random, ['armedConflict', 'occupation', 'violence']),
      dutiesAccepted: true,
      ...householdRows(random, surname, Math.floor(random() * 4)),
    });
    out.benefitApplication.push({
      ...person,
      idpCertificateNumber: `${pad(Math.floor(random() * 10000), 4)}-${pad(Math.floor(random() * 1e10), 10)}`,
      ...addressAsTyped(random, places, 'reg'),
      ...addressAsTyped(random, places, 'act'),
      iban: ibanFor(random),
      ...householdRows(random, surname, Math.floor(random() * 3)),
    });
  }
  for (const [service, forms] of Object.entries(out)) {
    for (const [index, typed] of forms.entries()) {
      const check = domain.checkSubmission(service, typed);
      if (!check.ok)
        throw new Error(`generated ${service} ${index} is invalid: ${JSON.stringify(check.issues)}`);
    }
  }
  return out;
}
