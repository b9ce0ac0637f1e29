import type { Service } from '../../shared/domain/services';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'applications' }
  | { readonly name: 'damageReportNew' }
  | { readonly name: 'damageReportEdit'; readonly recordId: string }
  | { readonly name: 'idpRegistrationNew' }
  | { readonly name: 'idpRegistrationEdit'; readonly recordId: string }
  | { readonly name: 'benefitApplicationNew' }
  | { readonly name: 'benefitApplicationEdit'; readonly recordId: string }
  | { readonly name: 'application'; readonly recordId: string }
  | { readonly name: 'signIn' }
  | { readonly name: 'profiles' }
  | { readonly name: 'notFound' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// Each service's form lives under its own path segment.
const FORM_SEGMENTS: Readonly<Record<Service, string>> = {
  damageReport: 'damage-report',
  idpRegistration: 'idp-registration',
  benefitApplication: 'benefit-application',
};

const FORM_ROUTE = new RegExp(`^/(damage-report|idp-registration|benefit-application)/(new|${UUID})$`);

// Record ids in paths are random UUIDs made on the phone: they identify nothing about the person.
export function matchRoute(path: string): Route {
  if (path === '/' || path === '/index.html') return { name: 'home' };
  if (path === '/applications') return { name: 'applications' };
  if (path === '/sign-in') return { name: 'signIn' };
  if (path === '/profiles') return { name: 'profiles' };
  const form = FORM_ROUTE.exec(path);
  if (form) {
    const service = (Object.keys(FORM_SEGMENTS) as Service[]).find((key) => FORM_SEGMENTS[key] === form[1])!;
    const recordId = form[2]!;
    if (recordId === 'new') return { name: `${service}New` as const };
    return { name: `${service}Edit` as const, recordId };
  }
  const view = new RegExp(`^/applications/(${UUID})$`).exec(path);
  if (view) return { name: 'application', recordId: view[1]! };
  return { name: 'notFound' };
}

/** The service and record of a form route, or null for any other page. */
export function formRoute(route: Route): { service: Service; recordId: string | undefined } | null {
  const match = /^(damageReport|idpRegistration|benefitApplication)(New|Edit)$/.exec(route.name);
  if (!match) return null;
  return { service: match[1] as Service, recordId: 'recordId' in route ? route.recordId : undefined };
}

export const paths = {
  home: () => '/',
  applications: () => '/applications',
  damageReportNew: () => '/damage-report/new',
  damageReportEdit: (recordId: string) => `/damage-report/${recordId}`,
  application: (recordId: string) => `/applications/${recordId}`,
  signIn: () => '/sign-in',
  profiles: () => '/profiles',
};

/** Any service's form: a new one, or an existing draft or submitted record (the two damage-report builders above are its special cases). */
export function formPath(service: Service, recordId?: string): string {
  return `/${FORM_SEGMENTS[service]}/${recordId ?? 'new'}`;
}
