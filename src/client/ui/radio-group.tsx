export interface RadioOption {
  readonly value: string;
  readonly label: string;
}

export function RadioGroup(props: {
  name: string;
  legend: string;
  options: readonly RadioOption[];
  value: string | undefined;
  error?: string | undefined;
  onChange: (value: string) => void;
}) {
  const errorId = `error-${props.name}`;
  return (
    <fieldset
      class={props.error ? 'field field--error' : 'field'}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error && (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.options.map((option, index) => (
        <label class="radio" key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            id={index === 0 ? `field-${props.name}` : undefined}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
