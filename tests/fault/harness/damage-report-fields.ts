import { checkSubmission } from '../../../src/shared/domain';
import type { FieldValue } from '../../../src/shared/record';
import type { Random } from './seeded-random';

// Complete damage reports that pass checkSubmission('damageReport', …), varied so that no two
// records are alike (a server that merged or deduplicated by content would be caught). Values are
// in their normalised form, as the form stores them.

const KYIV_OBLAST = 'UA32000000000030281';
const BROVARY = 'UA32060050010081797';
const SURNAMES = ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравчук', 'Мельник', 'Олійник'];
const GIVEN_NAMES = ['Олена', 'Іван', 'Марія', 'Петро', 'Оксана', 'Андрій', 'Тетяна'];
const ROLES = ['owner', 'coOwner', 'representative'];
const PROPERTY_TYPES = ['apartment', 'house', 'garden_house', 'unfinished', 'non_residential'];
const CAUSES = ['hostilities', 'terrorAct', 'sabotage'];
const DAMAGE = ['damaged', 'destroyed'];
const ELEMENTS = ['roof', 'walls', 'windows', 'doors', 'utilities', 'interior', 'other'];
const STREETS = ['вул. Героїв України', 'вул. Київська', 'просп. Незалежності', 'вул. Садова'];
const OPERATORS = ['50', '63', '66', '67', '68', '73', '93', '95', '97', '99'];
const WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/** A valid RNOKPP: nine random digits and their check digit. */
export function randomRnokpp(random: Random): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => random.int(0, 9));
    let sum = 0;
    for (let index = 0; index < 9; index++) sum += WEIGHTS[index]! * digits[index]!;
    const remainder = ((sum % 11) + 11) % 11;
    const number = `${digits.join('')}${remainder === 10 ? 0 : remainder}`;
    if (number !== '0000000000') return number;
  }
}

export function randomMobile(random: Random): string {
  return `+380${random.pick(OPERATORS)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** A description of valid length that names `tag`, so the value says who wrote it. */
export function damageDescription(tag: string): string {
  return `Пошкодження після обстрілу (${tag})`;
}

export function randomDamageReport(random: Random, tag: string): Record<string, FieldValue> {
  const elements = ELEMENTS.filter(() => random.chance(0.4));
  const day = random.int(1, 28);
  const month = random.int(1, 12);
  const fields: Record<string, FieldValue> = {
    surname: random.pick(SURNAMES),
    givenName: random.pick(GIVEN_NAMES),
    patronymic: 'Петрівна',
    rnokpp: randomRnokpp(random),
    phone: randomMobile(random),
    applicantRole: random.pick(ROLES),
    propertyType: random.pick(PROPERTY_TYPES),
    propOblast: KYIV_OBLAST,
    propSettlement: BROVARY,
    propStreet: random.pick(STREETS),
    propBuilding: String(random.int(1, 200)),
    propPostCode: '07400',
    area: random.int(10, 5_000) / 10,
    eventDate: `${random.int(2022, 2025)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    cause: random.pick(CAUSES),
    damageStatus: random.pick(DAMAGE),
    damagedElements: elements.length > 0 ? elements : ['roof'],
    description: damageDescription(tag),
  };
  const check = checkSubmission('damageReport', fields);
  if (!check.ok) throw new Error(`generated damage report is invalid: ${JSON.stringify(check.issues)}`);
  return fields;
}
