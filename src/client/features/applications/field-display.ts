import { OBLASTS } from '../../../shared/domain/oblasts';
import type { Service } from '../../../shared/domain/services';
import { policyKey } from '../../../shared/merge/field-policy';
import type { FieldValue } from '../../../shared/record';
import type { MessageKey } from '../../i18n/messages-uk';
import { isMessageKey, language, t } from '../../i18n/translate';

// Labels by policy key (`field` or `collection.field`), shared by the services, then per service.
const PERSON: Readonly<Record<string, MessageKey>> = {
  surname: 'person.surname',
  givenName: 'person.givenName',
  patronymic: 'person.patronymic',
  birthDate: 'person.birthDate',
  sex: 'person.sex',
  rnokpp: 'person.rnokpp',
  noRnokpp: 'form.noRnokpp',
  phone: 'person.phone',
  email: 'person.email',
  'household.surname': 'person.surname',
  'household.givenName': 'person.givenName',
  'household.patronymic': 'person.patronymic',
  'household.birthDate': 'person.birthDate',
  'household.relationship': 'household.relationship',
  'household.documentType': 'household.documentType',
  'household.documentNumber': 'person.documentNumber',
  'household.hasDisability': 'household.hasDisability',
};

const ADDRESS_PARTS: Readonly<Record<string, MessageKey>> = {
  Oblast: 'address.oblast',
  Settlement: 'address.settlement',
  Street: 'address.street',
  Building: 'address.building',
  Apartment: 'address.apartment',
  PostCode: 'address.postCode',
};

const LABELS: Readonly<Record<Service, Readonly<Record<string, MessageKey>>>> = {
  damageReport: {
    applicantRole: 'damage.applicantRole',
    propertyType: 'damage.propertyType',
    oblast: 'damage.oblast',
    registryNumber: 'damage.registryNumber',
    area: 'damage.area',
    eventDate: 'damage.eventDate',
    cause: 'damage.cause',
    damageStatus: 'damage.damageStatus',
    damagedElements: 'damage.damagedElements',
    description: 'damage.description',
  },
  idpRegistration: {
    birthPlace: 'idp.birthPlace',
    citizenship: 'idp.citizenship',
    citizenshipOther: 'idp.citizenshipOther',
    documentType: 'person.documentType',
    documentNumber: 'person.documentNumber',
    documentIssuedOn: 'person.documentIssuedOn',
    unzr: 'person.unzr',
    regNoMark: 'idp.regNoMark',
    regProof: 'idp.regProof',
    displacementReason: 'idp.reason',
    dutiesAccepted: 'idp.dutiesAccepted',
  },
  benefitApplication: {
    idpCertificateNumber: 'benefit.idpCertificateNumber',
    applicantHasDisability: 'benefit.applicantHasDisability',
    iban: 'benefit.iban',
  },
};

const ADDRESS_NAMES: Readonly<Record<string, MessageKey>> = {
  prop: 'damage.address',
  reg: 'address.registered',
  act: 'address.actual',
};

export function fieldLabel(service: Service, path: string): string {
  const key = policyKey(path);
  const label = LABELS[service][key] ?? PERSON[key];
  if (label) return t(label);
  const address = /^(prop|reg|act)([A-Z]\w*)$/.exec(key);
  const part = address && ADDRESS_PARTS[address[2]!];
  if (address && part) return `${t(ADDRESS_NAMES[address[1]!]!)}: ${t(part)}`;
  return key;
}

/** A stored value as a person reads it: option labels instead of codes, oblast names, dates, "(empty)". */
export function displayValue(path: string, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return t('conflict.empty');
  const field = policyKey(path).replace(/^household\./, '');
  if (Array.isArray(value)) return value.map((item) => optionText(field, item)).join(', ');
  if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
  if (typeof value === 'number') return String(value).replace('.', language.value === 'uk' ? ',' : '.');
  if (/Oblast$|^oblast$/.test(field)) {
    const oblast = OBLASTS.find((item) => item.code === value);
    if (oblast) return oblast[language.value];
  }
  // Stored values are already clean (ISO dates, E.164 phones, IBANs without spaces): only the layout
  // changes here, so the validators (and valibot) stay out of the first-load bundle.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso && /Date$|IssuedOn$/.test(field)) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  const phone = /^\+380(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(value);
  if (phone && field === 'phone') return `+38 (0${phone[1]}) ${phone[2]} ${phone[3]} ${phone[4]}`;
  if (field === 'iban') return value.replace(/(.{4})(?=.)/g, '$1 ');
  return optionText(field, value);
}

function optionText(field: string, value: string): string {
  const optionKey = `${field}.${value}`;
  return isMessageKey(optionKey) ? t(optionKey) : value;
}
