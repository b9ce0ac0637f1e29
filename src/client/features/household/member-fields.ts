import { RELATIONSHIPS } from '../../../shared/domain/household-member';
import { IDENTITY_DOCUMENT_TYPES } from '../../../shared/domain/validators';
import type { FieldSpec } from '../../forms/form-spec';

const name: readonly FieldSpec[] = [
  { kind: 'text', name: 'surname', label: 'person.surname' },
  { kind: 'text', name: 'givenName', label: 'person.givenName' },
];

/** A member of the household in the IDP registration: name, birth date, relationship, document. */
export const IDP_MEMBER_FIELDS: readonly FieldSpec[] = [
  ...name,
  { kind: 'text', name: 'patronymic', label: 'person.patronymic', optional: true },
  { kind: 'date', name: 'birthDate', label: 'person.birthDate' },
  { kind: 'radio', name: 'relationship', label: 'household.relationship', options: RELATIONSHIPS },
  {
    kind: 'select',
    name: 'documentType',
    label: 'household.documentType',
    optional: true,
    options: IDENTITY_DOCUMENT_TYPES,
  },
  {
    kind: 'text',
    name: 'documentNumber',
    label: 'person.documentNumber',
    optional: true,
    code: true,
    width: 'medium',
    when: (fields) => typeof fields.documentType === 'string' && fields.documentType !== '',
  },
];

/** A member for the living allowance: who they are and whether they have a disability. */
export const BENEFIT_MEMBER_FIELDS: readonly FieldSpec[] = [
  ...name,
  { kind: 'date', name: 'birthDate', label: 'person.birthDate' },
  { kind: 'radio', name: 'relationship', label: 'household.relationship', options: RELATIONSHIPS },
  { kind: 'yesno', name: 'hasDisability', label: 'household.hasDisability' },
];
