import type { RadioOption } from './radio-group';

export function SelectField(props: {
  name: string;
  label: string;
  placeholder: string;
  options: readonly RadioOption[];
  value: string | undefined;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `error-${props.name}`;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.error && (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      <select
        id={`field-${props.name}`}
        name={props.name}
        value={props.value ?? ''}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
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
