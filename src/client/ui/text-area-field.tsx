export function TextAreaField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  maxLength?: number;
  error?: string | undefined;
  onInput: (value: string) => void;
}) {
  const hintId = `hint-${props.name}`;
  const errorId = `error-${props.name}`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={6}
        value={props.value ?? ''}
        maxLength={props.maxLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </div>
  );
}
