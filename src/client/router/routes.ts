export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'applications' }
  | { readonly name: 'damageReportNew' }
  | { readonly name: 'damageReportEdit'; readonly recordId: string }
  | { readonly name: 'application'; readonly recordId: string }
  | { readonly name: 'notFound' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// Record ids in paths are random UUIDs made on the phone: they identify nothing about the person.
export function matchRoute(path: string): Route {
  if (path === '/' || path === '/index.html') return { name: 'home' };
  if (path === '/applications') return { name: 'applications' };
  if (path === '/damage-report/new') return { name: 'damageReportNew' };
  const edit = new RegExp(`^/damage-report/(${UUID})$`).exec(path);
  if (edit) return { name: 'damageReportEdit', recordId: edit[1]! };
  const view = new RegExp(`^/applications/(${UUID})$`).exec(path);
  if (view) return { name: 'application', recordId: view[1]! };
  return { name: 'notFound' };
}

export const paths = {
  home: () => '/',
  applications: () => '/applications',
  damageReportNew: () => '/damage-report/new',
  damageReportEdit: (recordId: string) => `/damage-report/${recordId}`,
  application: (recordId: string) => `/applications/${recordId}`,
};
