import type { ComponentChildren } from 'preact';
import type { Service } from '../../shared/domain/services';
import type { FieldMap, FieldValue } from '../../shared/record';
import type { MessageKey } from '../i18n/messages-uk';

/** Shown only when it returns true for the answers so far (e.g. "other citizenship" after "other"). */
export type Visibility = (fields: FieldMap) => boolean;

export type AddressPrefix = 'prop' | 'reg' | 'act';

interface FieldBase {
  /** The flat field name in the record (for an address: its prefix; for RNOKPP: `rnokpp`). */
  readonly name: string;
  readonly label: MessageKey;
  readonly hint?: MessageKey;
  /** GOV.UK style: required is the norm; optional questions say so in their label. */
  readonly optional?: boolean;
  readonly when?: Visibility;
}

export interface TextFieldSpec extends FieldBase {
  readonly kind: 'text';
  readonly autocomplete?: string;
  readonly inputMode?: 'text' | 'numeric' | 'decimal';
  readonly width?: 'short' | 'medium';
  /** Document numbers and codes: no spell checking, no auto-capitalised first letter. */
  readonly code?: boolean;
}

export interface TextAreaFieldSpec extends FieldBase {
  readonly kind: 'textarea';
}

export interface SimpleFieldSpec extends FieldBase {
  readonly kind: 'number' | 'date' | 'phone' | 'email' | 'iban' | 'yesno' | 'confirm';
  readonly autocomplete?: string;
}

export interface RnokppFieldSpec extends FieldBase {
  readonly kind: 'rnokpp';
  /** Where the "I have no RNOKPP" box is stored. */
  readonly noneName: string;
  /** Fields compared with the number for the non-blocking warnings. */
  readonly birthDateName?: string;
  readonly sexName?: string;
}

export interface ChoiceFieldSpec extends FieldBase {
  /** Option labels are the message keys `<name>.<value>`. */
  readonly kind: 'radio' | 'select' | 'checkboxes';
  readonly options: readonly string[];
}

export interface AddressFieldSpec extends FieldBase {
  readonly kind: 'address';
  readonly prefix: AddressPrefix;
}

export interface HouseholdFieldSpec extends FieldBase {
  readonly kind: 'household';
  /** Fields of one member row; names are the child row's field names. */
  readonly memberFields: readonly FieldSpec[];
}

export interface ContentSpec extends FieldBase {
  /** Not a question: text or a component (the photo picker) placed in the step. */
  readonly kind: 'content';
  readonly render: (context: FormContext) => ComponentChildren;
  /** Paths this block writes, for step validation and the check page (usually none). */
  readonly paths?: readonly string[];
  /** The block's answer on the check page (under its label); without it the block is not listed there. */
  readonly answer?: (fields: FieldMap) => ComponentChildren;
}

export type FieldSpec =
  | TextFieldSpec
  | TextAreaFieldSpec
  | SimpleFieldSpec
  | RnokppFieldSpec
  | ChoiceFieldSpec
  | AddressFieldSpec
  | HouseholdFieldSpec
  | ContentSpec;

export interface StepSpec {
  /** Stable name, used in test ids. */
  readonly id: string;
  readonly title: MessageKey;
  readonly intro?: MessageKey;
  readonly fields: readonly FieldSpec[];
}

export interface FormSpec {
  readonly service: Service;
  /** The service's name, shown above every step heading. */
  readonly title: MessageKey;
  /** Shown instead of the title while a submitted record is being changed. */
  readonly editTitle: MessageKey;
  readonly submitLabel: MessageKey;
  readonly steps: readonly StepSpec[];
  /** Extra block at the top of the check page (the benefit estimate). */
  readonly checkPageExtra?: (fields: FieldMap) => ComponentChildren;
}

/** What a content block may know about the form it sits in. */
export interface FormContext {
  readonly service: Service;
  readonly recordId: string | undefined;
  readonly fields: FieldMap;
  readonly amending: boolean;
  /** Messages by field path, for the block's own fields. */
  readonly errors: Readonly<Record<string, string>>;
  /** Writes answers (autosaved like any typed value). */
  readonly update: (changes: Record<string, FieldValue>) => void;
  /** Creates the draft now if it does not exist yet (a photo needs a record to belong to). */
  readonly ensureRecordId: () => Promise<string | undefined>;
}

const ADDRESS_PARTS = ['Oblast', 'Settlement', 'Street', 'Building', 'Apartment', 'PostCode'] as const;

export function addressFieldNames(prefix: AddressPrefix): string[] {
  return ADDRESS_PARTS.map((part) => `${prefix}${part}`);
}

/** The top-level field names a field spec writes (child rows are named by their collection). */
export function fieldNames(field: FieldSpec): readonly string[] {
  switch (field.kind) {
    case 'address':
      return addressFieldNames(field.prefix);
    case 'rnokpp':
      return [field.noneName, field.name];
    case 'content':
      return field.paths ?? [];
    default:
      return [field.name];
  }
}

export function isVisible(field: FieldSpec, fields: FieldMap): boolean {
  return field.when === undefined || field.when(fields);
}

/** The names a step validates: only what is shown, so a hidden conditional field never blocks "Next". */
export function stepFieldNames(step: StepSpec, fields: FieldMap): string[] {
  return step.fields.filter((field) => isVisible(field, fields)).flatMap((field) => fieldNames(field));
}

/** The step (0-based) that holds a field, by the first part of an issue path (`household.0.surname`). */
export function stepOfField(spec: FormSpec, path: string): number {
  const name = path.split(/[./]/)[0] ?? '';
  const index = spec.steps.findIndex((step) => step.fields.some((field) => fieldNames(field).includes(name)));
  return index;
}
