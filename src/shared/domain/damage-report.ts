import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import { OBLAST_CODES } from './oblasts';

// Property types of the damage notice (CMU resolutions 380/624).
export const PROPERTY_TYPES = [
  'apartment',
  'house',
  'garden_house',
  'unfinished',
  'non_residential',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

// A field the person never touched is absent from the draft, and valibot reports a missing key with the
// object's message rather than the field's: turn it into the field's "required" translation key.
function missingFieldMessage(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.[0]?.key;
  return typeof field === 'string' ? `${field}.required` : 'record.invalid';
}

// Messages are translation keys: the page shows them in the person's language, the server returns
// them as reasons a client can translate.
export const DamageReportSchema = v.object(
  {
    propertyType: v.picklist(PROPERTY_TYPES, 'propertyType.required'),
    oblast: v.picklist(OBLAST_CODES, 'oblast.required'),
    // One message per field: an empty description is "required", not also "too short".
    description: v.config(
      v.pipe(
        v.string('description.required'),
        v.trim(),
        v.nonEmpty('description.required'),
        v.minLength(DESCRIPTION_MIN, 'description.tooShort'),
        v.maxLength(DESCRIPTION_MAX, 'description.tooLong'),
      ),
      { abortPipeEarly: true },
    ),
  },
  missingFieldMessage,
);

export type DamageReport = v.InferOutput<typeof DamageReportSchema>;

// A draft is whatever the person has typed so far; nothing in it may be refused, or typing would be lost.
export type DamageReportDraft = { [K in keyof DamageReport]?: string };

/**
 * The office may correct where and what (a typo in the description, the wrong oblast); the kind of
 * property is the applicant's statement and, once submitted, changes only as an amendment.
 */
export const DAMAGE_REPORT_POLICY: FieldPolicy = {
  owners: { oblast: 'shared', description: 'shared' },
  defaultOwner: 'citizen',
  frozenAfterSubmit: ['propertyType'],
};
