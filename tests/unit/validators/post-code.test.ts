import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  isValidPostCode,
  PostCodeSchema,
  postCodeProblem,
} from '../../../src/shared/domain/validators/post-code';

describe('post code', () => {
  it.each([
    ['01001', '01001'],
    [' 79000 ', '79000'],
    ['65 000', '65000'],
  ])('%j is valid and stored as %s', (typed, stored) => {
    expect(isValidPostCode(typed)).toBe(true);
    expect(v.parse(PostCodeSchema, typed)).toBe(stored);
  });

  it.each([
    ['', 'postCode.required'],
    ['   ', 'postCode.required'],
    ['0100', 'postCode.format'],
    ['010011', 'postCode.format'],
    ['01-001', 'postCode.format'],
    ['O1001', 'postCode.format'],
  ])('%j → %s', (typed, message) => {
    expect(postCodeProblem(typed)).toBe(message);
  });

  it('a missing value is required, not a crash', () => {
    expect(v.safeParse(PostCodeSchema, undefined).issues?.map((issue) => issue.message)).toEqual([
      'postCode.required',
    ]);
  });
});
