import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  birthDateSchema,
  compareRnokppWithPerson,
  EmailSchema,
  IbanSchema,
  IdentityDocumentSchema,
  MobilePhoneSchema,
  PersonNameSchema,
  PostCodeSchema,
  RnokppFieldSchema,
  UnzrSchema,
  VALIDATOR_MESSAGE_KEYS,
} from '../../../src/shared/domain/validators';

// Inputs chosen to provoke every problem each schema can report.
const provocations: Array<[v.GenericSchema, unknown[]]> = [
  [
    RnokppFieldSchema,
    [{}, { rnokpp: '1' }, { rnokpp: '0000000000' }, { rnokpp: '1759013770' }, { hasNoRnokpp: 1 }],
  ],
  [IbanSchema, ['', 'UA1', 'DE89370400440532013000', 'UA903052992990004149123456788', 5]],
  [UnzrSchema, ['', '1', '19910230-00026', '19910824-00027']],
  [MobilePhoneSchema, ['', '1', '+380441234567']],
  [PostCodeSchema, ['', '1']],
  [EmailSchema, ['', 'a', 'a@mail.ru']],
  [PersonNameSchema, [{}, { surname: 'Ivan', givenName: 'я'.repeat(200), patronymic: '1' }]],
  [birthDateSchema({ today: () => '2024-01-01' }), ['', 'x', '31.02.2000', '01.01.2025', '01.01.1800']],
  [
    IdentityDocumentSchema,
    [
      {},
      { type: 'idCard' },
      { type: 'idCard', number: '1' },
      { type: 'passportBooklet', number: '1' },
      { type: 'passportBooklet', number: 'ЫЫ123456' },
      { type: 'foreignPassport', number: '1' },
      { type: 'birthCertificate', number: '1' },
    ],
  ],
];

describe('VALIDATOR_MESSAGE_KEYS', () => {
  it('are unique and named <concept>.<problem>', () => {
    expect(new Set(VALIDATOR_MESSAGE_KEYS).size).toBe(VALIDATOR_MESSAGE_KEYS.length);
    for (const key of VALIDATOR_MESSAGE_KEYS) expect(key).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('list every message the schemas and warnings produce, and every listed key is produced', () => {
    const produced = new Set<string>();
    for (const [schema, inputs] of provocations) {
      for (const input of inputs) {
        const result = v.safeParse(schema, input);
        expect(result.success, JSON.stringify(input)).toBe(false);
        for (const issue of result.issues ?? []) produced.add(issue.message);
      }
    }
    for (const warning of compareRnokppWithPerson('1759013776', { birthDate: '2000-01-01', sex: 'female' })) {
      produced.add(warning);
    }
    const listed = new Set<string>(VALIDATOR_MESSAGE_KEYS);
    expect([...produced].filter((message) => !listed.has(message))).toEqual([]);
    // 'unzr.birthDateMismatch' is for forms that compare the UNZR with the stated birth date themselves.
    expect([...listed].filter((key) => !produced.has(key))).toEqual(['unzr.birthDateMismatch']);
  });
});
