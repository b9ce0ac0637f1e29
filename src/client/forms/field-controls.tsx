import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldValue } from '../../shared/record';
import type { MessageKey } from '../i18n/messages-uk';
import { isMessageKey, t } from '../i18n/translate';
import type { ValueFormat } from './field-values';

export interface ControlIds {
  readonly control: string;
  readonly hint: string;
  readonly error: string;
}

export function controlIds(idPrefix: string, name: string): ControlIds {
  return {
    control: `field-${idPrefix}${name}`,
    hint: `hint-${idPrefix}${name}`,
    error: `error-${idPrefix}${name}`,
  };
}

export function describedBy(ids: ControlIds, hint: unknown, error: unknown, extra = ''): string | undefined {
  return [hint ? ids.hint : '', error ? ids.error : '', extra].filter(Boolean).join(' ') || undefined;
}

/** The label as people read it: optional questions say so (GOV.UK marks the exceptions, not the rule). */
export function labelText(label: MessageKey, optional: boolean | undefined): string {
  return optional ? `${t(label)} ${t('form.optional')}` : t(label);
}

export function optionLabel(name: string, value: string): string {
  const key = `${name}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="field__hint" id={id}>
      {text}
    </p>
  ) : null;
}

function ErrorLine({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="field__error" id={id}>
      <span class="visually-hidden">{t('form.errorPrefix')} </span>
      {text}
    </p>
  ) : null;
}

export interface InputProps {
  readonly ids: ControlIds;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly value: FieldValue | undefined;
  readonly format: ValueFormat;
  readonly onValue: (value: FieldValue) => void;
  readonly type?: 'text' | 'tel' | 'email';
  readonly inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email';
  readonly autocomplete?: string | undefined;
  readonly width?: 'short' | 'medium' | undefined;
  readonly code?: boolean | undefined;
  readonly suffix?: string | undefined;
  readonly after?: ComponentChildren;
}

// No control sets maxLength: a browser silently cuts a paste at the limit, and the cut-off part of an
// IBAN or a description is lost without a word. Limits are the schema's, with a message.

/**
 * A text input that stores a clean value (an ISO date, an E.164 phone) but, while it has focus, shows
 * exactly what the person is typing: the text never jumps under their fingers.
 */
export function TextInput(props: InputProps) {
  const [typing, setTyping] = useState<string | null>(null);
  const shown = typing ?? props.format.toDisplay(props.value);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={props.ids.control}>{props.label}</label>
      <Hint id={props.ids.hint} text={props.hint} />
      <ErrorLine id={props.ids.error} text={props.error} />
      <div class="input-row">
        <input
          id={props.ids.control}
          name={props.ids.control}
          class={props.width ? `input input--${props.width}` : 'input'}
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          autocomplete={props.autocomplete ?? 'off'}
          spellcheck={props.code ? false : undefined}
          autocapitalize={props.code ? 'characters' : undefined}
          value={shown}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(props.ids, props.hint, props.error)}
          onInput={(event) => {
            const text = event.currentTarget.value;
            setTyping(text);
            props.onValue(props.format.toStored(text));
          }}
          onBlur={() => setTyping(null)}
        />
        {props.suffix && (
          <span class="input-suffix" aria-hidden="true">
            {props.suffix}
          </span>
        )}
      </div>
      {props.after}
    </div>
  );
}

export function TextArea(props: {
  ids: ControlIds;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: FieldValue | undefined;
  onValue: (value: string) => void;
}) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={props.ids.control}>{props.label}</label>
      <Hint id={props.ids.hint} text={props.hint} />
      <ErrorLine id={props.ids.error} text={props.error} />
      <textarea
        id={props.ids.control}
        name={props.ids.control}
        rows={6}
        value={typeof props.value === 'string' ? props.value : ''}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.ids, props.hint, props.error)}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </div>
  );
}

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

/** Radios or tick boxes in a fieldset whose legend is the question; the first input carries the field id. */
export function ChoiceGroup(props: {
  ids: ControlIds;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  multiple?: boolean;
  options: readonly ChoiceOption[];
  isChecked: (value: string) => boolean;
  onToggle: (value: string, checked: boolean) => void;
}) {
  return (
    <fieldset
      class={props.error ? 'field field--error' : 'field'}
      aria-describedby={describedBy(props.ids, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <Hint id={props.ids.hint} text={props.hint} />
      <ErrorLine id={props.ids.error} text={props.error} />
      {props.options.map((option, index) => (
        <label class={props.multiple ? 'radio checkbox' : 'radio'} key={option.value}>
          <input
            type={props.multiple ? 'checkbox' : 'radio'}
            name={props.ids.control}
            value={option.value}
            id={index === 0 ? props.ids.control : undefined}
            checked={props.isChecked(option.value)}
            aria-invalid={props.error && index === 0 ? true : undefined}
            onChange={(event) => props.onToggle(option.value, event.currentTarget.checked)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** One tick box that is the whole answer (consent, "the document has no registration mark"). */
export function SingleCheckbox(props: {
  ids: ControlIds;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  checked: boolean;
  onValue: (checked: boolean) => void;
}) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <Hint id={props.ids.hint} text={props.hint} />
      <ErrorLine id={props.ids.error} text={props.error} />
      <label class="radio checkbox">
        <input
          type="checkbox"
          id={props.ids.control}
          name={props.ids.control}
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(props.ids, props.hint, props.error)}
          onChange={(event) => props.onValue(event.currentTarget.checked)}
        />
        <span>{props.label}</span>
      </label>
    </div>
  );
}

export function SelectInput(props: {
  ids: ControlIds;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  placeholder: string;
  options: readonly ChoiceOption[];
  value: string | undefined;
  autocomplete?: string;
  onValue: (value: string) => void;
}) {
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={props.ids.control}>{props.label}</label>
      <Hint id={props.ids.hint} text={props.hint} />
      <ErrorLine id={props.ids.error} text={props.error} />
      <select
        id={props.ids.control}
        name={props.ids.control}
        value={props.value ?? ''}
        autocomplete={props.autocomplete ?? 'off'}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.ids, props.hint, props.error)}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
