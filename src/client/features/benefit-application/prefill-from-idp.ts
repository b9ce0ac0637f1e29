import type { LocalRecord } from '../../../local';
import { CHILD_EXISTS, childPath, childRows, type FieldMap, type FieldValue } from '../../../shared/record';
import { addressFieldNames } from '../../forms/form-spec';

const PERSON_FIELDS = ['surname', 'givenName', 'patronymic', 'birthDate', 'noRnokpp', 'rnokpp', 'phone'];
const MEMBER_FIELDS = ['surname', 'givenName', 'birthDate', 'relationship'];

/** The person's latest IDP registration that left the draft stage: the profile a benefit application reuses. */
export function latestIdpRegistration(records: readonly LocalRecord[]): LocalRecord | undefined {
  return records
    .filter((record) => record.service === 'idpRegistration' && record.state !== 'draft')
    .sort((a, b) => (b.submittedAt ?? b.updatedAt).localeCompare(a.submittedAt ?? a.updatedAt))[0];
}

/**
 * Answers copied into a new benefit application: the person, both addresses, the phone and the household.
 * Household rows get new ids: they are new rows of a new record, not links to the registration's rows.
 */
export function benefitPrefill(
  registration: FieldMap,
  newId: () => string = () => crypto.randomUUID(),
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const copy = (field: string) => {
    const value = registration[field];
    if (value !== undefined && value !== null && value !== '') out[field] = value;
  };
  for (const field of PERSON_FIELDS) copy(field);
  for (const field of [...addressFieldNames('reg'), ...addressFieldNames('act')]) copy(field);
  for (const row of childRows(registration, 'household')) {
    const id = newId();
    out[childPath('household', id, CHILD_EXISTS)] = true;
    for (const field of MEMBER_FIELDS) {
      const value = row.fields[field];
      if (value !== undefined && value !== null && value !== '')
        out[childPath('household', id, field)] = value;
    }
  }
  return out;
}
