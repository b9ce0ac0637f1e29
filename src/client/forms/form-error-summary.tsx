import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/translate';

export interface SummaryItem {
  readonly key: string;
  readonly message: string;
  /** Element id to focus on this page, or a step to open. */
  readonly target: { readonly elementId: string } | { readonly step: number; readonly href: string };
}

/** Errors listed at the top, each a link to its field (or, on the check page, to its step); focused when shown. */
export function FormErrorSummary(props: {
  items: readonly SummaryItem[];
  onOpenStep: (step: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.items.length > 0) ref.current?.focus();
  }, [props.items]);
  if (props.items.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.title')}</h2>
      <ul>
        {props.items.map((item) => {
          const target = item.target;
          const href = 'elementId' in target ? `#${target.elementId}` : target.href;
          return (
            <li key={item.key}>
              <a
                href={href}
                onClick={(event) => {
                  event.preventDefault();
                  if ('elementId' in target) document.getElementById(target.elementId)?.focus();
                  else props.onOpenStep(target.step);
                }}
              >
                {item.message}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
