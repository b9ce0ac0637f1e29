import { signal } from '@preact/signals';

export const currentPath = signal(typeof location === 'undefined' ? '/' : location.pathname);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath.value) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  currentPath.value = path;
}

/** Same-origin link clicks become client-side navigations, so the app keeps working offline. */
export function startRouter(): void {
  addEventListener('popstate', () => {
    currentPath.value = location.pathname;
  });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    // In-page links (the skip link, error summary) are the browser's job: it moves focus to the target.
    if (url.hash && url.pathname === location.pathname) return;
    event.preventDefault();
    navigate(url.pathname);
  });
}
