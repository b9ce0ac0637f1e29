import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benefitPrefill,
  latestIdpRegistration,
} from '../../../src/client/features/benefit-application/prefill-from-idp';
import { changedValues } from '../../../src/client/forms/changed-values';
import { dateFormat, decimalFormat, ibanFormat, phoneFormat } from '../../../src/client/forms/field-values';
import { type FormSpec, stepFieldNames, stepOfField } from '../../../src/client/forms/form-spec';
import { formatHryvnia } from '../../../src/client/forms/money';
import { parseStepLocation, stepSearch } from '../../../src/client/forms/step-location';
import type { LocalRecord } from '../../../src/local';
import { childRows } from '../../../src/shared/record';

describe('step location', () => {
  it('reads ?step= as 1-based, the check page being one past the last step', () => {
    expect(parseStepLocation('?step=2', 5, 0)).toEqual({ index: 1, fromCheck: false });
    expect(parseStepLocation('?step=6', 5, 0)).toEqual({ index: 5, fromCheck: false });
    expect(parseStepLocation('?step=3&from=check', 5, 0)).toEqual({ index: 2, fromCheck: true });
  });

  it('ignores anything that is not a step of this form', () => {
    for (const search of [
      '',
      '?step=0',
      '?step=7',
      '?step=-1',
      '?step=2x',
      '?step=',
      '?stepp=2',
      '?step=999',
    ])
      expect(parseStepLocation(search, 5, -1).index, search).toBe(-1);
  });

  it('never marks the check page itself as opened from the check page', () => {
    expect(parseStepLocation('?step=6&from=check', 5, 0)).toEqual({ index: 5, fromCheck: false });
  });

  it('writes what it reads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        (steps, at, from) => {
          const index = Math.min(at, steps);
          const location = { index, fromCheck: from && index < steps };
          expect(parseStepLocation(stepSearch(location), steps, -1)).toEqual(location);
        },
      ),
    );
  });
});

describe('changed values for an amendment', () => {
  it('sends only what changed, a cleared field as null', () => {
    const before = { phone: '+380671234567', email: 'a@ukr.net', area: 54.3, damagedElements: ['roof'] };
    const after = { phone: '+380501234567', email: '', area: 54.3, damagedElements: ['roof', 'walls'] };
    expect(changedValues(before, after)).toEqual({
      phone: '+380501234567',
      email: null,
      damagedElements: ['roof', 'walls'],
    });
  });

  it('treats absent, null and empty as the same "nothing"', () => {
    expect(changedValues({ a: null, b: '' }, { c: '' })).toEqual({});
  });

  it('includes child rows added or removed', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      changedValues({}, { [`household/${id}/_exists`]: true, [`household/${id}/surname`]: 'Мельник' }),
    ).toEqual({
      [`household/${id}/_exists`]: true,
      [`household/${id}/surname`]: 'Мельник',
    });
    expect(
      changedValues({ [`household/${id}/_exists`]: true }, { [`household/${id}/_exists`]: false }),
    ).toEqual({
      [`household/${id}/_exists`]: false,
    });
  });
});

describe('typed text and stored values', () => {
  it('stores a typed date as ISO once it is a real date, and keeps anything else as typed', () => {
    expect(dateFormat.toStored('24.08.1991')).toBe('1991-08-24');
    expect(dateFormat.toStored('1.2.1990')).toBe('1990-02-01');
    expect(dateFormat.toStored('31.02.1990')).toBe('31.02.1990');
    expect(dateFormat.toStored('24.08.19')).toBe('24.08.19');
    expect(dateFormat.toDisplay('1991-08-24')).toBe('24.08.1991');
  });

  it('reads a decimal comma or dot, and shows the comma', () => {
    expect(decimalFormat.toStored('54,3')).toBe(54.3);
    expect(decimalFormat.toStored('54.3')).toBe(54.3);
    expect(decimalFormat.toStored('54,')).toBe('54,');
    expect(decimalFormat.toDisplay(54.3)).toBe('54,3');
  });

  it('stores a phone in E.164 and shows the national mask', () => {
    expect(phoneFormat.toStored('067 123 45 67')).toBe('+380671234567');
    expect(phoneFormat.toDisplay('+380671234567')).toBe('+38 (067) 123 45 67');
    expect(phoneFormat.toStored('067 123')).toBe('067 123');
  });

  it('stores an IBAN without spaces in capitals and shows it in groups of four', () => {
    expect(ibanFormat.toStored('ua90 3052 9929 9000 4149 1234 5678 9')).toBe('UA903052992990004149123456789');
    expect(ibanFormat.toDisplay('UA903052992990004149123456789')).toBe(
      'UA90 3052 9929 9000 4149 1234 5678 9',
    );
  });
});

describe('money', () => {
  it('groups thousands with a narrow no-break space and never wraps before the currency', () => {
    expect(formatHryvnia(2000)).toBe('2\u202f000\u00a0грн');
    expect(formatHryvnia(10000)).toBe('10\u202f000\u00a0грн');
    expect(formatHryvnia(950)).toBe('950\u00a0грн');
    expect(formatHryvnia(1234567.5)).toBe('1\u202f234\u202f567,50\u00a0грн');
  });
});

const SPEC: FormSpec = {
  service: 'idpRegistration',
  title: 'idp.title',
  editTitle: 'idp.editTitle',
  submitLabel: 'idp.submit',
  steps: [
    {
      id: 'one',
      title: 'step.aboutYou',
      fields: [
        { kind: 'radio', name: 'citizenship', label: 'idp.citizenship', options: ['UA', 'other'] },
        {
          kind: 'text',
          name: 'citizenshipOther',
          label: 'idp.citizenshipOther',
          when: (fields) => fields.citizenship === 'other',
        },
        { kind: 'rnokpp', name: 'rnokpp', noneName: 'noRnokpp', label: 'person.rnokpp' },
      ],
    },
    {
      id: 'two',
      title: 'step.registeredAddress',
      fields: [{ kind: 'address', name: 'regAddress', prefix: 'reg', label: 'address.registered' }],
    },
    {
      id: 'three',
      title: 'step.household',
      fields: [{ kind: 'household', name: 'household', label: 'step.household', memberFields: [] }],
    },
  ],
};

describe('step fields', () => {
  it('checks only what is shown: a hidden conditional field never blocks "Next"', () => {
    expect(stepFieldNames(SPEC.steps[0]!, {})).toEqual(['citizenship', 'noRnokpp', 'rnokpp']);
    expect(stepFieldNames(SPEC.steps[0]!, { citizenship: 'other' })).toEqual([
      'citizenship',
      'citizenshipOther',
      'noRnokpp',
      'rnokpp',
    ]);
    expect(stepFieldNames(SPEC.steps[1]!, {})).toEqual([
      'regOblast',
      'regSettlement',
      'regStreet',
      'regBuilding',
      'regApartment',
      'regPostCode',
    ]);
  });

  it('finds the step of an issue, child rows included', () => {
    expect(stepOfField(SPEC, 'regSettlement')).toBe(1);
    expect(stepOfField(SPEC, 'household/0f8fad5b-d9cb-469f-a165-70867728950e/birthDate')).toBe(2);
    expect(stepOfField(SPEC, 'household.0.birthDate')).toBe(2);
    expect(stepOfField(SPEC, 'nothing')).toBe(-1);
  });
});

describe('the living allowance reuses the IDP registration', () => {
  const member = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const registration = {
    surname: 'Мельник',
    givenName: 'Олег',
    birthDate: '1994-07-01',
    sex: 'male',
    rnokpp: '3451517675',
    phone: '+380671234567',
    email: 'oleh@ukr.net',
    regOblast: 'UA32000000000030281',
    regSettlement: 'UA32020070010052520',
    regStreet: 'вул. Київська',
    actOblast: 'UA80000000000093317',
    documentNumber: 'МЕ123456',
    [`household/${member}/_exists`]: true,
    [`household/${member}/surname`]: 'Мельник',
    [`household/${member}/givenName`]: 'Ганна',
    [`household/${member}/birthDate`]: '2015-03-12',
    [`household/${member}/relationship`]: 'child',
    [`household/${member}/documentNumber`]: 'І-КИ 123456',
  };

  it('copies the person, both addresses, the phone and the household, with new row ids', () => {
    const prefill = benefitPrefill(registration, () => 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(prefill).toMatchObject({
      surname: 'Мельник',
      birthDate: '1994-07-01',
      rnokpp: '3451517675',
      phone: '+380671234567',
      regSettlement: 'UA32020070010052520',
      actOblast: 'UA80000000000093317',
    });
    // What the allowance does not ask for stays behind.
    expect(prefill).not.toHaveProperty('sex');
    expect(prefill).not.toHaveProperty('email');
    expect(prefill).not.toHaveProperty('documentNumber');
    expect(childRows(prefill, 'household')).toEqual([
      {
        id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        fields: { surname: 'Мельник', givenName: 'Ганна', birthDate: '2015-03-12', relationship: 'child' },
      },
    ]);
  });

  it('takes the latest registration that was sent, never a draft or another service', () => {
    const record = (id: string, service: LocalRecord['service'], state: LocalRecord['state'], at: string) =>
      ({ id, service, state, updatedAt: at, submittedAt: at, data: {} }) as unknown as LocalRecord;
    const records = [
      record('a', 'idpRegistration', 'delivered', '2025-01-01T00:00:00Z'),
      record('b', 'idpRegistration', 'queued', '2025-03-01T00:00:00Z'),
      record('c', 'idpRegistration', 'draft', '2025-04-01T00:00:00Z'),
      record('d', 'damageReport', 'queued', '2025-05-01T00:00:00Z'),
    ];
    expect(latestIdpRegistration(records)?.id).toBe('b');
    expect(latestIdpRegistration([])).toBeUndefined();
  });
});
