import { OBLASTS } from '../shared/domain';
import { policyKey } from '../shared/merge';
import type { FieldValue } from '../shared/record';

// The console is used by Ukrainian caseworkers; its wording follows the forms the citizen filled.
const LABELS: Readonly<Record<string, string>> = {
  surname: 'Прізвище',
  givenName: 'Імʼя',
  patronymic: 'По батькові',
  birthDate: 'Дата народження',
  birthPlace: 'Місце народження',
  sex: 'Стать',
  citizenship: 'Громадянство',
  citizenshipOther: 'Інше громадянство',
  noRnokpp: 'Немає РНОКПП',
  rnokpp: 'РНОКПП',
  unzr: 'УНЗР',
  documentType: 'Документ',
  documentNumber: 'Номер документа',
  documentIssuedOn: 'Дата видачі',
  phone: 'Телефон',
  email: 'Електронна пошта',
  applicantRole: 'Роль заявника',
  propertyType: 'Тип майна',
  registryNumber: 'Реєстраційний номер',
  area: 'Площа, м²',
  eventDate: 'Дата події',
  cause: 'Причина',
  damageStatus: 'Стан майна',
  damagedElements: 'Пошкоджено',
  description: 'Опис пошкоджень',
  locationConsent: 'Згода на геолокацію',
  latitude: 'Широта',
  longitude: 'Довгота',
  displacementReason: 'Причина переміщення',
  regNoMark: 'Немає відмітки про реєстрацію',
  regProof: 'Підтвердження проживання',
  dutiesAccepted: 'Обовʼязки прийнято',
  idpCertificateNumber: 'Номер довідки ВПО',
  applicantHasDisability: 'Заявник має інвалідність',
  iban: 'IBAN',
  note: 'Примітка',
  status: 'Стан',
  decisionReason: 'Причина рішення',
  'household.surname': 'Прізвище',
  'household.givenName': 'Імʼя',
  'household.patronymic': 'По батькові',
  'household.birthDate': 'Дата народження',
  'household.relationship': 'Ким доводиться',
  'household.documentType': 'Документ',
  'household.documentNumber': 'Номер документа',
  'household.hasDisability': 'Інвалідність',
};

const ADDRESS_PARTS: Readonly<Record<string, string>> = {
  Oblast: 'область',
  Settlement: 'населений пункт (КАТОТТГ)',
  Street: 'вулиця',
  Building: 'будинок',
  Apartment: 'квартира',
  PostCode: 'індекс',
};
const ADDRESS_PREFIXES: Readonly<Record<string, string>> = {
  prop: 'Адреса майна',
  reg: 'Зареєстроване місце проживання',
  act: 'Фактичне місце проживання',
};

const VALUES: Readonly<Record<string, string>> = {
  male: 'чоловіча',
  female: 'жіноча',
  owner: 'власник',
  coOwner: 'співвласник',
  representative: 'представник',
  apartment: 'квартира або кімната',
  house: 'приватний будинок',
  garden_house: 'садовий або дачний будинок',
  unfinished: 'недобудова',
  non_residential: 'нежитлове приміщення',
  hostilities: 'бойові дії',
  terrorAct: 'терористичний акт',
  sabotage: 'диверсія',
  damaged: 'пошкоджено',
  destroyed: 'знищено',
  idCard: 'ID-картка',
  passportBooklet: 'паспорт-книжечка',
  foreignPassport: 'закордонний паспорт',
  birthCertificate: 'свідоцтво про народження',
  received: 'отримано',
  inReview: 'на розгляді',
  needsInformation: 'потрібна інформація',
  approved: 'схвалено',
  rejected: 'відмовлено',
  withdrawn: 'відкликано',
  damageReport: 'Пошкоджене майно',
  idpRegistration: 'Довідка ВПО',
  benefitApplication: 'Допомога на проживання',
};

export function staffLabel(path: string): string {
  const key = policyKey(path);
  if (LABELS[key]) return LABELS[key]!;
  const address = /^(prop|reg|act)([A-Z]\w*)$/.exec(key);
  if (address) return `${ADDRESS_PREFIXES[address[1]!]}: ${ADDRESS_PARTS[address[2]!] ?? address[2]}`;
  return key;
}

export function staffValue(path: string, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => VALUES[item] ?? item).join(', ');
  if (typeof value === 'boolean') return value ? 'так' : 'ні';
  if (typeof value === 'string' && /Oblast$/.test(policyKey(path))) {
    return OBLASTS.find((oblast) => oblast.code === value)?.uk ?? value;
  }
  return typeof value === 'string' ? (VALUES[value] ?? value) : String(value);
}

export function serviceLabel(service: string): string {
  return VALUES[service] ?? service;
}

export function statusLabel(status: string): string {
  return VALUES[status] ?? status;
}
