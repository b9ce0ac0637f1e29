import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/translate';

/**
 * The page's h1: the service name as a caption, then «Крок 2 з 5: Адреса майна». It takes focus on every
 * step change (and after a route change), so a screen reader announces where the person now is.
 */
export function StepHeading(props: { caption: string; title: string; number: number; total: number }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(false);
  useEffect(() => {
    // Titles name the page only, never a person's data (they show in task switchers and history).
    document.title = `${props.caption} — ${props.title} — ${t('app.name')}`;
  }, [props.caption, props.title]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step number, nothing else.
  useEffect(() => {
    if (mounted.current || document.body.dataset.navigated === 'true') ref.current?.focus();
    mounted.current = true;
  }, [props.number]);
  return (
    <h1 ref={ref} tabIndex={-1} class="step-heading" data-testid="step-heading">
      <span class="step-heading__caption">{props.caption}</span>{' '}
      <span class="step-heading__progress">
        {t('form.stepOf', { n: props.number, total: props.total })}: {props.title}
      </span>
    </h1>
  );
}
