import { useEffect, useRef } from 'preact/hooks';

/** The page's h1; focused after navigation so screen readers announce the new page. */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} — Ластівка (фахівець)`;
    if (document.body.dataset.navigated === 'true') ref.current?.focus();
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
