import { describe, expect, it } from 'vitest';
import { formEn } from '../../../src/client/i18n/form-messages-en';
import { formUk } from '../../../src/client/i18n/form-messages-uk';
import { en } from '../../../src/client/i18n/messages-en';
import { uk } from '../../../src/client/i18n/messages-uk';
import {
  APPLICANT_ROLES,
  CITIZENSHIPS,
  checkSubmission,
  DAMAGE_CAUSES,
  DAMAGE_STATUSES,
  DAMAGED_ELEMENTS,
  DISPLACEMENT_REASONS,
  IDENTITY_DOCUMENT_TYPES,
  PROPERTY_TYPES,
  RELATIONSHIPS,
  SERVICES,
  SEXES,
  VALIDATOR_MESSAGE_KEYS,
} from '../../../src/shared/domain';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
const known = (key: string) => key in uk || key in formUk;

describe("the forms' catalogue", () => {
  it('has the same keys in Ukrainian and English, with the same placeholders', () => {
    expect(Object.keys(formEn).sort()).toEqual(Object.keys(formUk).sort());
    for (const key of Object.keys(formUk) as (keyof typeof formUk)[])
      expect(placeholders(formEn[key]), key).toEqual(placeholders(formUk[key]));
  });

  it('never repeats a key of the first-load catalogue', () => {
    for (const key of Object.keys(formUk)) expect(key in uk, key).toBe(false);
  });

  it('is Ukrainian in Cyrillic and English without it, no empty or untrimmed texts', () => {
    const exempt = new Set(['form.fieldProblem']);
    for (const [key, text] of Object.entries(formUk)) {
      expect(text, key).toBe(text.trim());
      if (!exempt.has(key)) expect(text, key).toMatch(/[а-яіїєґ]/i);
    }
    for (const [key, text] of Object.entries(formEn)) {
      expect(text, key).toBe(text.trim());
      expect(text, key).not.toMatch(/[а-яіїєґ]/i);
    }
  });

  it('translates every message key the validators can produce', () => {
    for (const key of VALIDATOR_MESSAGE_KEYS) expect(known(key), key).toBe(true);
  });

  it('has a label for every option of every choice', () => {
    const options: Record<string, readonly string[]> = {
      applicantRole: APPLICANT_ROLES,
      propertyType: PROPERTY_TYPES,
      cause: DAMAGE_CAUSES,
      damageStatus: DAMAGE_STATUSES,
      damagedElements: DAMAGED_ELEMENTS,
      sex: SEXES,
      citizenship: CITIZENSHIPS,
      documentType: IDENTITY_DOCUMENT_TYPES,
      displacementReason: DISPLACEMENT_REASONS,
      relationship: RELATIONSHIPS,
    };
    for (const [field, values] of Object.entries(options))
      for (const value of values) expect(known(`${field}.${value}`), `${field}.${value}`).toBe(true);
  });

  it.each(SERVICES)('translates every issue of an empty or garbled %s', (service) => {
    const member = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const garbled = {
      surname: 'Smith',
      givenName: 'x'.repeat(300),
      birthDate: '31.02.1990',
      rnokpp: '1759013770',
      phone: '12',
      email: 'a@b.ru',
      area: 'багато',
      eventDate: '01.01.2999',
      propPostCode: '1',
      regPostCode: '1',
      actPostCode: '1',
      propSettlement: 'UA05000000000010236',
      propOblast: 'UA32000000000030281',
      documentType: 'idCard',
      documentNumber: 'AB',
      unzr: '19910824-00027',
      iban: 'UA903052992990004149123456788',
      idpCertificateNumber: '!',
      description: 'коротко',
      regNoMark: true,
      citizenship: 'other',
      [`household/${member}/_exists`]: true,
      [`household/${member}/birthDate`]: '2999-01-01',
    };
    for (const fields of [{}, garbled]) {
      const check = checkSubmission(service, fields);
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      for (const issue of check.issues)
        expect(known(issue.message), `${issue.field}: ${issue.message}`).toBe(true);
    }
  });

  it('keeps the first-load catalogues in step with each other', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(uk).sort());
  });
});
