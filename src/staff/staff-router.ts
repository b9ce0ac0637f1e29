import { signal } from '@preact/signals';

export type StaffRoute =
  | { name: 'queue' }
  | { name: 'record'; recordId: string }
  | { name: 'login' }
  | { name: 'notFound' };

const BASE = '/staff';
export const staffPath = signal(
  typeof location === 'undefined' ? `${BASE}/` : location.pathname + location.search,
);

export function matchStaffRoute(path: string): StaffRoute {
  const pathname = path.split('?')[0] ?? '';
  if (pathname === `${BASE}` || pathname === `${BASE}/`) return { name: 'queue' };
  if (pathname === `${BASE}/login`) return { name: 'login' };
  const record = /^\/staff\/records\/([0-9a-f-]{36})$/.exec(pathname);
  if (record) return { name: 'record', recordId: record[1]! };
  return { name: 'notFound' };
}

export function staffNavigate(path: string): void {
  history.pushState(null, '', path);
  staffPath.value = path;
}

export function startStaffRouter(): void {
  addEventListener('popstate', () => {
    staffPath.value = location.pathname + location.search;
  });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(BASE) || url.pathname.endsWith('.csv'))
      return;
    if (url.hash && url.pathname === location.pathname) return;
    event.preventDefault();
    staffNavigate(url.pathname + url.search);
  });
}
