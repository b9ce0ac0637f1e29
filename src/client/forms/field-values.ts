import {
  formatDisplayDate,
  formatIbanGroups,
  formatPhoneForDisplay,
  normalizeIban,
  normalizePhone,
  normalizeRnokpp,
  toIsoDate,
} from '../../shared/domain/validators';
import type { FieldMap, FieldValue } from '../../shared/record';

/**
 * How typed text becomes a stored value and back. Stored values are the clean ones (ISO dates, E.164
 * phones, IBANs without spaces) whenever the text already is a valid value; anything else is kept
 * exactly as typed, so nothing is lost and the check on "Next" can say what is wrong.
 */
export interface ValueFormat {
  readonly toStored: (text: string) => FieldValue;
  readonly toDisplay: (value: FieldValue | undefined) => string;
}

const asText = (value: FieldValue | undefined): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

export const plainFormat: ValueFormat = { toStored: (text) => text, toDisplay: asText };

export const dateFormat: ValueFormat = {
  toStored: (text) => toIsoDate(text) ?? text,
  toDisplay: (value) => (typeof value === 'string' ? formatDisplayDate(value) : ''),
};

const DECIMAL = /^\d{1,7}([.,]\d{1,2})?$/;

export const decimalFormat: ValueFormat = {
  toStored: (text) => (DECIMAL.test(text.trim()) ? Number(text.trim().replace(',', '.')) : text),
  // Ukrainian writes the decimal comma.
  toDisplay: (value) => (typeof value === 'number' ? String(value).replace('.', ',') : asText(value)),
};

export const phoneFormat: ValueFormat = {
  toStored: (text) => normalizePhone(text) ?? text,
  toDisplay: (value) => (typeof value === 'string' ? formatPhoneForDisplay(value) : ''),
};

export const ibanFormat: ValueFormat = {
  toStored: (text) => {
    const iban = normalizeIban(text);
    return iban === '' ? '' : iban;
  },
  toDisplay: (value) => (typeof value === 'string' ? formatIbanGroups(value) : ''),
};

export const rnokppFormat: ValueFormat = {
  toStored: (text) => normalizeRnokpp(text),
  toDisplay: asText,
};

export function textValue(fields: FieldMap, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}

/** Today's date in ISO, on this phone's calendar. */
export function todayIso(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
