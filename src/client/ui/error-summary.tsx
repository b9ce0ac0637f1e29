import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/translate';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** GOV.UK pattern: errors listed at the top, each a link to its field; focused when it appears. */
export function ErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.title')}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a
              href={`#field-${error.field}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`field-${error.field}`)?.focus();
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
