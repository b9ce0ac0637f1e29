import { useEffect, useState } from 'preact/hooks';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/not-found/not-found-page';
import { SyncIndicator } from './features/sync/sync-indicator';
import { UpdateBanner } from './features/update/update-banner';
import { adoptedDrafts } from './forms/adopted-drafts';
import { chooseLanguage } from './i18n/language-preference';
import { language, t } from './i18n/translate';
import { type LazyPageName, loadedPage, loadPage, type PageComponent } from './router/lazy-pages';
import { currentPath } from './router/router';
import { formRoute, matchRoute, paths } from './router/routes';
import { needsYou } from './state/app-model';
import { activeProfileLabel } from './state/profiles-model';
import { sessionUser } from './state/session-model';

function LazyPage({ page, recordId }: { page: LazyPageName; recordId: string | undefined }) {
  const [Page, setPage] = useState<PageComponent | undefined>(() => loadedPage(page));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Page) return;
    let current = true;
    loadPage(page).then(
      (component) => {
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
