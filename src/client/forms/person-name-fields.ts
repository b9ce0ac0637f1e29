import type { FieldSpec } from './form-spec';

/** The name as in the person's document: every service asks for it the same way. */
export const PERSON_NAME_FIELDS: readonly FieldSpec[] = [
  { kind: 'text', name: 'surname', label: 'person.surname', autocomplete: 'family-name' },
  { kind: 'text', name: 'givenName', label: 'person.givenName', autocomplete: 'given-name' },
  {
    kind: 'text',
    name: 'patronymic',
    label: 'person.patronymic',
    optional: true,
    autocomplete: 'additional-name',
  },
];
