import { OBLASTS, type Service } from '../../../shared/domain';
import { policyKey } from '../../../shared/merge';
import type { FieldValue } from '../../../shared/record';
import type { MessageKey } from '../../i18n/messages-uk';
import { isMessageKey, language, t } from '../../i18n/translate';

// Labels by policy key (`field` or `collection.field`) per service; each service's form adds its own.
const LABELS: Partial<Record<Service, Readonly<Record<string, MessageKey>>>> = {
  damageReport: {
    propertyType: 'damage.propertyType',
    oblast: 'damage.oblast',
    description: 'damage.description',
  },
};

export function fieldLabel(service: Service, path: string): string {
  const key = LABELS[service]?.[policyKey(path)];
  return key ? t(key) : policyKey(path);
}

/** A stored value as a person reads it: option labels instead of codes, oblast names, "(empty)". */
export function displayValue(path: string, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return t('conflict.empty');
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  const field = policyKey(path);
  if (field === 'oblast') {
    const oblast = OBLASTS.find((item) => item.code === value);
    if (oblast) return oblast[language.value];
  }
  const optionKey = `${field}.${String(value)}`;
  return isMessageKey(optionKey) ? t(optionKey) : String(value);
}
