import {
  APPLICANT_ROLES,
  DAMAGE_CAUSES,
  DAMAGE_STATUSES,
  DAMAGED_ELEMENTS,
  PROPERTY_TYPES,
} from '../../../shared/domain/damage-report';
import type { FormSpec } from '../../forms/form-spec';
import { PERSON_NAME_FIELDS } from '../../forms/person-name-fields';
import { t } from '../../i18n/translate';
import { PhotoPicker } from '../photos/photo-picker';
import { LOCATION_PATHS, LocationConsent, locationAnswer } from './location-consent';

// One topic per step, in the order people think about it: who you are, how to reach you, what the
// property is, where it is, what happened, the damage in your words, then photos.
export const DAMAGE_REPORT_FORM: FormSpec = {
  service: 'damageReport',
  title: 'damage.title',
  editTitle: 'edit.title',
  submitLabel: 'damage.submit',
  steps: [
    {
      id: 'applicant',
      title: 'step.applicant',
      fields: [
        ...PERSON_NAME_FIELDS,
        { kind: 'rnokpp', name: 'rnokpp', noneName: 'noRnokpp', label: 'person.rnokpp' },
        { kind: 'radio', name: 'applicantRole', label: 'damage.applicantRole', options: APPLICANT_ROLES },
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
      id: 'property',
      title: 'step.property',
      fields: [
        { kind: 'radio', name: 'propertyType', label: 'damage.propertyType', options: PROPERTY_TYPES },
        { kind: 'number', name: 'area', label: 'damage.area', hint: 'damage.area.hint' },
        {
          kind: 'text',
          name: 'registryNumber',
          label: 'damage.registryNumber',
          hint: 'damage.registryNumber.hint',
          optional: true,
          code: true,
          inputMode: 'numeric',
          width: 'medium',
        },
      ],
    },
    {
      id: 'propertyAddress',
      title: 'step.propertyAddress',
      fields: [
        { kind: 'address', name: 'propAddress', prefix: 'prop', label: 'damage.address' },
        {
          kind: 'content',
          name: 'location',
          label: 'location.label',
          paths: LOCATION_PATHS,
          render: (context) => <LocationConsent context={context} />,
          answer: locationAnswer,
        },
      ],
    },
    {
      id: 'damage',
      title: 'step.damage',
      fields: [
        { kind: 'date', name: 'eventDate', label: 'damage.eventDate' },
        { kind: 'radio', name: 'cause', label: 'damage.cause', options: DAMAGE_CAUSES },
        { kind: 'radio', name: 'damageStatus', label: 'damage.damageStatus', options: DAMAGE_STATUSES },
        {
          kind: 'checkboxes',
          name: 'damagedElements',
          label: 'damage.damagedElements',
          hint: 'form.chooseAll',
          options: DAMAGED_ELEMENTS,
        },
      ],
    },
    {
      id: 'description',
      title: 'step.description',
      fields: [
        {
          kind: 'textarea',
          name: 'description',
          label: 'damage.description',
          hint: 'damage.description.hint',
        },
      ],
    },
    {
      id: 'photos',
      title: 'step.photos',
      intro: 'damage.photos.intro',
      fields: [
        {
          kind: 'content',
          name: 'photos',
          label: 'step.photos',
          render: (context) =>
            context.amending ? (
              <p>{t('damage.photos.amend')}</p>
            ) : (
              <PhotoPicker recordId={context.recordId} ensureRecordId={context.ensureRecordId} />
            ),
        },
      ],
    },
  ],
};
