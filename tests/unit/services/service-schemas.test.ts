import { describe, expect, it } from 'vitest';
import {
  checkFields,
  checkSubmission,
  estimateLivingAllowance,
  SERVICE_DEFINITIONS,
  SERVICES,
} from '../../../src/shared/domain';
import { mayWrite } from '../../../src/shared/merge';
import { childPath } from '../../../src/shared/record';

const KYIV_OBLAST = 'UA32000000000030281';
const BROVARY = 'UA32060050010081797';
const LVIV_OBLAST = 'UA46000000000026241';

const address = (prefix: string) => ({
  [`${prefix}Oblast`]: KYIV_OBLAST,
  [`${prefix}Settlement`]: BROVARY,
  [`${prefix}Street`]: 'вул. Героїв України',
  [`${prefix}Building`]: '12',
  [`${prefix}PostCode`]: '07400',
});

const validDamageReport = {
  surname: 'Шевченко',
  givenName: 'Олена',
  patronymic: 'Петрівна',
  rnokpp: '1941106083',
  phone: '067 123 45 67',
  applicantRole: 'owner',
  propertyType: 'house',
  ...address('prop'),
  area: '54,3',
  eventDate: '12.03.2024',
  cause: 'hostilities',
  damageStatus: 'damaged',
  damagedElements: ['windows', 'roof'],
  description: 'Вибито вікна, пошкоджено дах.',
};

const member = 'a3b1c2d4-0000-4000-8000-000000000001';
const child = 'a3b1c2d4-0000-4000-8000-000000000002';

const validIdp = {
  surname: 'Коваленко',
  givenName: 'Марʼяна',
  birthDate: '22.02.1953',
  sex: 'female',
  birthPlace: 'м. Маріуполь',
  citizenship: 'UA',
  documentType: 'passportBooklet',
  documentNumber: 'ка 123456',
  rnokpp: '1941106083',
  ...address('reg'),
  ...address('act'),
  displacementReason: 'occupation',
  phone: '+380501234567',
  dutiesAccepted: true,
  [childPath('household', child, '_exists')]: true,
  [childPath('household', child, 'surname')]: 'Коваленко',
  [childPath('household', child, 'givenName')]: 'Іван',
  [childPath('household', child, 'birthDate')]: '01.06.2015',
  [childPath('household', child, 'relationship')]: 'child',
};

describe('damage report', () => {
  it('accepts a complete report and stores normalised values', () => {
    const result = checkSubmission('damageReport', validDamageReport);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields.phone).toBe('+380671234567');
    expect(result.fields.eventDate).toBe('2024-03-12');
    expect(result.fields.area).toBe(54.3);
    expect(result.fields.damagedElements).toEqual(['roof', 'windows']);
    // Normalised values pass again unchanged (the server re-checks what the phone sends).
    const again = checkSubmission('damageReport', result.fields);
    expect(again).toEqual(result);
  });

  it('names every missing field with its own translation key', () => {
    const result = checkSubmission('damageReport', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.issues.map((issue) => [issue.field, issue.message]));
    expect(byField).toMatchObject({
      surname: 'name.required',
      rnokpp: 'rnokpp.required',
      phone: 'phone.required',
      propertyType: 'propertyType.required',
      propOblast: 'oblast.required',
      propSettlement: 'settlement.required',
      propStreet: 'street.required',
      eventDate: 'date.required',
      damagedElements: 'damagedElements.required',
      description: 'description.required',
    });
  });

  it('requires RNOKPP unless the person has none, and then drops a stale number', () => {
    const withoutNumber = { ...validDamageReport, rnokpp: '' };
    expect(checkFields('damageReport', withoutNumber, ['rnokpp'])).toEqual([
      { field: 'rnokpp', message: 'rnokpp.required' },
    ]);
    const none = checkSubmission('damageReport', {
      ...validDamageReport,
      noRnokpp: true,
      rnokpp: '1759013770',
    });
    expect(none.ok).toBe(true);
    if (none.ok) expect(none.fields).not.toHaveProperty('rnokpp');
    expect(checkFields('damageReport', { ...validDamageReport, rnokpp: '1759013770' }, ['rnokpp'])).toEqual([
      { field: 'rnokpp', message: 'rnokpp.checksum' },
    ]);
  });

  it('refuses a settlement outside the chosen oblast', () => {
    expect(
      checkFields('damageReport', { ...validDamageReport, propOblast: LVIV_OBLAST }, ['propSettlement']),
    ).toEqual([{ field: 'propSettlement', message: 'settlement.wrongOblast' }]);
  });

  it('refuses a future event date and a Russian e-mail domain', () => {
    const issues = checkFields(
      'damageReport',
      { ...validDamageReport, eventDate: '01.01.2999', email: 'a@mail.ru' },
      ['eventDate', 'email'],
    );
    expect(issues).toHaveLength(2);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'eventDate', message: 'date.future' },
        { field: 'email', message: 'email.russianDomain' },
      ]),
    );
  });
});

describe('IDP registration', () => {
  it('accepts a complete registration; household rows are child rows with ids', () => {
    const result = checkSubmission('idpRegistration', validIdp);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields.documentNumber).toBe('КА123456');
    expect(result.fields[childPath('household', child, 'birthDate')]).toBe('2015-06-01');
    expect(result.fields[childPath('household', child, '_exists')]).toBe(true);
  });

  it('reports a household problem at the row path and needs UNZR for an ID card', () => {
    const result = checkSubmission('idpRegistration', {
      ...validIdp,
      documentType: 'idCard',
      documentNumber: '123456789',
      [childPath('household', member, '_exists')]: true,
      [childPath('household', member, 'givenName')]: 'Петро',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ field: 'unzr', message: 'unzr.required' });
    expect(result.issues).toContainEqual({
      field: childPath('household', member, 'surname'),
      message: 'name.required',
    });
  });

  it('checks the UNZR date against the birth date and the duties box', () => {
    const issues = checkFields(
      'idpRegistration',
      {
        ...validIdp,
        documentType: 'idCard',
        documentNumber: '123456789',
        unzr: '19910824-00026',
        dutiesAccepted: false,
      },
      ['unzr', 'dutiesAccepted'],
    );
    expect(issues).toHaveLength(2);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'dutiesAccepted', message: 'dutiesAccepted.required' },
        { field: 'unzr', message: 'unzr.birthDateMismatch' },
      ]),
    );
  });
});

describe('field ownership', () => {
  it('keeps the office fields out of every service form and lets the office correct contacts', () => {
    for (const service of SERVICES) {
      const { policy } = SERVICE_DEFINITIONS[service];
      expect(mayWrite(policy, 'status', 'citizen')).toBe(false);
      expect(mayWrite(policy, 'phone', 'caseworker')).toBe(true);
      expect(mayWrite(policy, 'surname', 'caseworker')).toBe(false);
    }
  });
});

describe('living allowance estimate', () => {
  it('pays 3,000 per child or person with a disability and 2,000 per other person', () => {
    const estimate = estimateLivingAllowance(
      [
        { id: 'applicant', birthDate: '1985-01-01', hasDisability: false },
        { id: 'child1', birthDate: '2015-06-01', hasDisability: false },
        { id: 'child2', birthDate: '2010-01-01', hasDisability: false },
        { id: 'grandmother', birthDate: '1950-01-01', hasDisability: true },
        { id: 'adult', birthDate: '1990-01-01', hasDisability: false },
      ],
      '2026-11-29',
    );
    expect(estimate.lines.map((line) => line.category)).toEqual([
      'adult',
      'child',
      'child',
      'disability',
      'adult',
    ]);
    expect(estimate.total).toBe(2000 + 3000 + 3000 + 3000 + 2000);
  });

  it('counts a child until the 18th birthday', () => {
    const turning = (today: string) =>
      estimateLivingAllowance([{ id: 'x', birthDate: '2008-11-30', hasDisability: false }], today).total;
    expect(turning('2026-11-29')).toBe(3000);
    expect(turning('2026-11-30')).toBe(2000);
  });
});
