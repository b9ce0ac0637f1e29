import type * as v from 'valibot';

// Fields whose "required" message is shared with other fields of the same kind.
const SHARED_REQUIRED: Readonly<Record<string, string>> = {
  surname: 'name.required',
  givenName: 'name.required',
  birthDate: 'date.required',
  eventDate: 'date.required',
  phone: 'phone.required',
  unzr: 'unzr.required',
  iban: 'iban.required',
  documentNumber: 'documentNumber.required',
  PostCode: 'postCode.required',
};

/**
 * A field the person never touched is absent from the draft, and valibot reports a missing key with the
 * object's message rather than the field's: name the field's "required" translation key instead.
 * Address fields carry a prefix (propStreet, regStreet): the message is the same for all of them.
 */
export function missingFieldMessage(issue: v.BaseIssue<unknown>): string {
  const field = issue.path?.[0]?.key;
  if (typeof field !== 'string') return 'record.invalid';
  const unprefixed = field.replace(/^(prop|reg|act)(?=[A-Z])/, '');
  const shared = SHARED_REQUIRED[field] ?? SHARED_REQUIRED[unprefixed];
  if (shared) return shared;
  return `${unprefixed.charAt(0).toLowerCase()}${unprefixed.slice(1)}.required`;
}
