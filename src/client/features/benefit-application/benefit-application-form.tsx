import type { FormSpec } from '../../forms/form-spec';
import { PERSON_NAME_FIELDS } from '../../forms/person-name-fields';
import { BENEFIT_MEMBER_FIELDS } from '../household/member-fields';
import { EstimatePanel } from './estimate-panel';

export const BENEFIT_APPLICATION_FORM: FormSpec = {
  service: 'benefitApplication',
  title: 'benefit.title',
  editTitle: 'benefit.editTitle',
  submitLabel: 'benefit.submit',
  steps: [
    {
      id: 'person',
      title: 'step.aboutYou',
      fields: [
        ...PERSON_NAME_FIELDS,
        { kind: 'date', name: 'birthDate', label: 'person.birthDate', autocomplete: 'bday' },
        {
          kind: 'rnokpp',
          name: 'rnokpp',
          noneName: 'noRnokpp',
          label: 'person.rnokpp',
          birthDateName: 'birthDate',
        },
        { kind: 'yesno', name: 'applicantHasDisability', label: 'benefit.applicantHasDisability' },
      ],
    },
    {
      id: 'certificate',
      title: 'step.certificate',
      fields: [
        {
          kind: 'text',
          name: 'idpCertificateNumber',
          label: 'benefit.idpCertificateNumber',
          hint: 'benefit.idpCertificateNumber.hint',
          code: true,
          width: 'medium',
        },
        { kind: 'phone', name: 'phone', label: 'person.phone' },
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
      id: 'household',
      title: 'step.householdMoved',
      intro: 'benefit.household.intro',
      fields: [
        {
          kind: 'household',
          name: 'household',
          label: 'step.householdMoved',
          memberFields: BENEFIT_MEMBER_FIELDS,
        },
        {
          kind: 'content',
          name: 'estimate',
          label: 'estimate.title',
          render: (context) => <EstimatePanel fields={context.fields} />,
        },
      ],
    },
    {
      id: 'payment',
      title: 'step.payment',
      fields: [{ kind: 'iban', name: 'iban', label: 'benefit.iban' }],
    },
  ],
  checkPageExtra: (fields) => <EstimatePanel fields={fields} />,
};
