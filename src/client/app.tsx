import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Service } from '../shared/domain/services';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/not-found/not-found-page';
import { SyncIndicator } from './features/sync/sync-indicator';
import { UpdateBanner } from './features/update/update-banner';
import { adoptedDrafts } from './forms/adopted-drafts';
import { chooseLanguage } from './i18n/language-preference';
import { language, loadFormMessages, t } from './i18n/translate';
import { currentPath } from './router/router';
import { formRoute, matchRoute, paths } from './router/routes';
import { needsYou } from './state/app-model';
import { activeProfileLabel } from './state/profiles-model';
import { sessionUser } from './state/session-model';

type PageComponent = FunctionComponent<{ recordId?: string | undefined }>;
type LazyPageName = Service | 'application' | 'applications' | 'signIn' | 'profiles';

// Each service's form and the application pages are chunks of their own, fetched when first opened (and
// precached by the service worker, so offline too): the first load carries the shell and the home page.
// The forms' catalogue (labels, answers, validator messages) comes with them.
const PAGE_LOADERS: Readonly<Record<LazyPageName, () => Promise<PageComponent>>> = {
  damageReport: () => import('./features/damage-report/damage-report-page').then((m) => m.DamageReportPage),
  idpRegistration: () =>
    import('./features/idp-registration/idp-registration-page').then((m) => m.IdpRegistrationPage),
  benefitApplication: () =>
    import('./features/benefit-application/benefit-application-page').then((m) => m.BenefitApplicationPage),
  applications: () =>
    import('./features/applications/applications-page').then((m) => m.ApplicationsPage as PageComponent),
  application: () =>
    import('./features/applications/application-page').then((m) => m.ApplicationPage as PageComponent),
  signIn: () => import('./features/sign-in/sign-in-page').then((m) => m.SignInPage as PageComponent),
  profiles: () => import('./features/profiles/profiles-page').then((m) => m.ProfilesPage as PageComponent),
};
const loadedPages = new Map<LazyPageName, PageComponent>();

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
 * Fetches and evaluates a page before anyone goes there, so going there renders at once: the check
 * page warms the application page, which submitting opens (measured: the lazy chunk was most of the
 * submit → receipt time).
 */
export function preloadLazyPage(page: LazyPageName): void {
  if (loadedPages.has(page)) return;
  void Promise.all([PAGE_LOADERS[page](), loadFormMessages()]).then(
    ([component]) => loadedPages.set(page, component),
    () => undefined,
  );
}

function LazyPage({ page, recordId }: { page: LazyPageName; recordId: string | undefined }) {
  const [Page, setPage] = useState<PageComponent | undefined>(() => loadedPages.get(page));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Page) return;
    let current = true;
    Promise.all([PAGE_LOADERS[page](), loadFormMessages()]).then(
      ([component]) => {
        loadedPages.set(page, component);
        if (current) setPage(() => component);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [page, Page]);
  if (failed) return <p role="alert">{t('form.loadFailed')}</p>;
  if (!Page) return <p role="status">{t('damage.loading')}</p>;
  return <Page recordId={recordId} />;
}

function CurrentPage() {
  const route = matchRoute(currentPath.value);
  const form = formRoute(route);
  if (form) {
    // A draft the open form has just created keeps the same form mounted (see adoptedDrafts).
    const key =
      form.recordId && !adoptedDrafts.has(form.recordId)
        ? `${form.service}:${form.recordId}`
        : `${form.service}:new`;
    return <LazyPage key={key} page={form.service} recordId={form.recordId} />;
  }
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'applications':
      return <LazyPage key="applications" page="applications" recordId={undefined} />;
    case 'application':
      return <LazyPage key={route.recordId} page="application" recordId={route.recordId} />;
    case 'signIn':
      return <LazyPage key="signIn" page="signIn" recordId={undefined} />;
    case 'profiles':
      return <LazyPage key="profiles" page="profiles" recordId={undefined} />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const other = language.value === 'uk' ? 'en' : 'uk';
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skip.toContent')}
      </a>
      <header class="header">
        <div class="header__top">
          <a class="brand" href={paths.home()}>
            {t('app.name')}
          </a>
          <button
            type="button"
            class="button button--link"
            lang={other}
            onClick={() => void chooseLanguage(other)}
          >
            {t('language.switch')}
          </button>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul class="nav">
            <li>
              <a href={paths.home()} aria-current={currentPath.value === '/' ? 'page' : undefined}>
                {t('nav.home')}
              </a>
            </li>
            <li>
              <a
                href={paths.applications()}
                aria-current={currentPath.value.startsWith('/applications') ? 'page' : undefined}
              >
                {needsYou.value > 0
                  ? t('nav.applicationsCount', { n: needsYou.value })
                  : t('nav.applications')}
              </a>
            </li>
            <li>
              <a
                href={paths.profiles()}
                aria-current={currentPath.value === '/profiles' ? 'page' : undefined}
              >
                {activeProfileLabel.value || t('profiles.link')}
              </a>
            </li>
            <li>
              <a href={paths.signIn()} aria-current={currentPath.value === '/sign-in' ? 'page' : undefined}>
                {sessionUser.value?.phoneMasked ?? t('signIn.link')}
              </a>
            </li>
          </ul>
        </nav>
        <SyncIndicator />
      </header>
      <UpdateBanner />
      <main id="main" tabIndex={-1}>
        <CurrentPage />
      </main>
      <footer class="footer">
        <p>{t('app.tagline')}</p>
      </footer>
    </>
  );
}
