import { SEXES } from '../../../shared/domain/form-fields';
import { CITIZENSHIPS, DISPLACEMENT_REASONS } from '../../../shared/domain/idp-registration';
import { IDENTITY_DOCUMENT_TYPES } from '../../../shared/domain/validators';
import type { FormSpec } from '../../forms/form-spec';
import { PERSON_NAME_FIELDS } from '../../forms/person-name-fields';
import { IDP_MEMBER_FIELDS } from '../household/member-fields';

export const IDP_REGISTRATION_FORM: FormSpec = {
  service: 'idpRegistration',
  title: 'idp.title',
  editTitle: 'idp.editTitle',
  submitLabel: 'idp.submit',
  steps: [
    {
      id: 'person',
      title: 'step.aboutYou',
      fields: [
        ...PERSON_NAME_FIELDS,
        { kind: 'date', name: 'birthDate', label: 'person.birthDate', autocomplete: 'bday' },
        { kind: 'radio', name: 'sex', label: 'person.sex', options: SEXES },
      ],
    },
    {
      id: 'birth',
      title: 'step.birthAndTax',
      fields: [
        { kind: 'text', name: 'birthPlace', label: 'idp.birthPlace', hint: 'idp.birthPlace.hint' },
        { kind: 'radio', name: 'citizenship', label: 'idp.citizenship', options: CITIZENSHIPS },
        {
          kind: 'text',
          name: 'citizenshipOther',
          label: 'idp.citizenshipOther',
          when: (fields) => fields.citizenship === 'other',
        },
        {
          kind: 'rnokpp',
          name: 'rnokpp',
          noneName: 'noRnokpp',
          label: 'person.rnokpp',
          birthDateName: 'birthDate',
          sexName: 'sex',
        },
      ],
    },
    {
      id: 'document',
      title: 'step.document',
      fields: [
        {
          kind: 'radio',
          name: 'documentType',
          label: 'person.documentType',
          options: IDENTITY_DOCUMENT_TYPES,
        },
        {
          kind: 'text',
          name: 'documentNumber',
          label: 'person.documentNumber',
          hint: 'person.documentNumber.hint',
          code: true,
          width: 'medium',
        },
        { kind: 'date', name: 'documentIssuedOn', label: 'person.documentIssuedOn', optional: true },
        {
          kind: 'text',
          name: 'unzr',
          label: 'person.unzr',
          hint: 'person.unzr.hint',
          code: true,
          width: 'medium',
          when: (fields) => fields.documentType === 'idCard',
        },
      ],
    },
    {
      id: 'registeredAddress',
      title: 'step.registeredAddress',
      fields: [
        {
          kind: 'address',
          name: 'regAddress',
          prefix: 'reg',
          label: 'address.registered',
          hint: 'address.registered.hint',
        },
        { kind: 'confirm', name: 'regNoMark', label: 'idp.regNoMark', optional: true },
        {
          kind: 'textarea',
          name: 'regProof',
          label: 'idp.regProof',
          hint: 'idp.regProof.hint',
          when: (fields) => fields.regNoMark === true,
        },
      ],
    },
    {
      id: 'actualAddress',
      title: 'step.actualAddress',
      fields: [
        {
          kind: 'address',
          name: 'actAddress',
          prefix: 'act',
          label: 'address.actual',
          hint: 'address.actual.hint',
        },
      ],
    },
    {
      id: 'reason',
      title: 'step.reason',
      fields: [
        { kind: 'radio', name: 'displacementReason', label: 'idp.reason', options: DISPLACEMENT_REASONS },
      ],
    },
    {
      id: 'contacts',
      title: 'step.contacts',
      intro: 'contacts.intro',
      fields: [
        { kind: 'phone', name: 'phone', label: 'person.phone' },
        { kind: 'email', name: 'email', label: 'person.email', optional: true },
      ],
    },
    {
      id: 'household',
      title: 'step.household',
      intro: 'household.intro',
      fields: [
        { kind: 'household', name: 'household', label: 'step.household', memberFields: IDP_MEMBER_FIELDS },
      ],
    },
    {
      id: 'duties',
      title: 'step.duties',
      intro: 'idp.duties.intro',
      fields: [{ kind: 'confirm', name: 'dutiesAccepted', label: 'idp.dutiesAccepted' }],
    },
  ],
};
