import type { FunctionComponent } from 'preact';
import type { Service } from '../../shared/domain/services';
import { loadFormMessages } from '../i18n/translate';
import { formRoute, matchRoute } from './routes';

export type PageComponent = FunctionComponent<{ recordId?: string | undefined }>;
export type LazyPageName = Service | 'application' | 'applications' | 'signIn' | 'profiles';

// Each service's form and the application pages are chunks of their own, fetched when first opened (and
// precached by the service worker, so offline too): the first load carries the shell and the home page.
// The forms' catalogue (labels, answers, validator messages) comes with them.
const PAGE_LOADERS: Readonly<Record<LazyPageName, () => Promise<PageComponent>>> = {
  damageReport: () => import('../features/damage-report/damage-report-page').then((m) => m.DamageReportPage),
  idpRegistration: () =>
    import('../features/idp-registration/idp-registration-page').then((m) => m.IdpRegistrationPage),
  benefitApplication: () =>
    import('../features/benefit-application/benefit-application-page').then((m) => m.BenefitApplicationPage),
  applications: () =>
    import('../features/applications/applications-page').then((m) => m.ApplicationsPage as PageComponent),
  application: () =>
    import('../features/applications/application-page').then((m) => m.ApplicationPage as PageComponent),
  signIn: () => import('../features/sign-in/sign-in-page').then((m) => m.SignInPage as PageComponent),
  profiles: () => import('../features/profiles/profiles-page').then((m) => m.ProfilesPage as PageComponent),
};
const loadedPages = new Map<LazyPageName, PageComponent>();

/** The page once it has loaded, to draw it at once without a loading state. */
export function loadedPage(page: LazyPageName): PageComponent | undefined {
  return loadedPages.get(page);
}

/** The page's code and the forms' words, fetched once and kept. */
export async function loadPage(page: LazyPageName): Promise<PageComponent> {
  const [component] = await Promise.all([PAGE_LOADERS[page](), loadFormMessages()]);
  loadedPages.set(page, component);
  return component;
}

function lazyPageOf(path: string): LazyPageName | null {
  const route = matchRoute(path);
  const form = formRoute(route);
  if (form) return form.service;
  if (
    route.name === 'applications' ||
    route.name === 'application' ||
    route.name === 'signIn' ||
    route.name === 'profiles'
  ) {
    return route.name;
  }
  return null;
}

/**
 * Starts fetching the opened page's code and words at once, in parallel with the shell's start-up, so a
 * deep link (or a reload on step 3 of a form) costs one round trip less on a slow link.
 */
export function preloadPage(path: string): void {
  const page = lazyPageOf(path);
  if (page) preloadLazyPage(page);
}

/**
 * Fetches and evaluates a page before anyone goes there, so going there renders at once: a form warms
 * the application page, which submitting opens (measured: the lazy chunk was most of the submit →
 * receipt time).
 */
export function preloadLazyPage(page: LazyPageName): void {
  if (!loadedPages.has(page)) loadPage(page).catch(() => undefined);
}
