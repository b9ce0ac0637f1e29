import { useEffect, useRef } from 'preact/hooks';

/**
 * Each page's h1. On a client-side route change it takes focus, so a screen reader announces the new
 * page and keyboard users start from the top instead of from the link they pressed.
 */
export function PageHeading({ children, title }: { children: string; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Titles name the page only: never a person's data (they show in task switchers and history).
    document.title = `${title ?? children} — Ластівка`;
    if (document.body.dataset.navigated === 'true') ref.current?.focus();
  }, [children, title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
