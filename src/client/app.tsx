import { ApplicationPage } from './features/applications/application-page';
import { ApplicationsPage } from './features/applications/applications-page';
import { DamageReportPage } from './features/damage-report/damage-report-page';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/not-found/not-found-page';
import { SyncIndicator } from './features/sync/sync-indicator';
import { UpdateBanner } from './features/update/update-banner';
import { chooseLanguage } from './i18n/language-preference';
import { language, t } from './i18n/translate';
import { currentPath } from './router/router';
import { matchRoute, paths } from './router/routes';
import { needsYou } from './state/app-model';

function CurrentPage() {
  const route = matchRoute(currentPath.value);
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'applications':
      return <ApplicationsPage />;
    case 'damageReportNew':
      return <DamageReportPage />;
    case 'damageReportEdit':
      return <DamageReportPage key={route.recordId} recordId={route.recordId} />;
    case 'application':
      return <ApplicationPage recordId={route.recordId} />;
    case 'notFound':
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
