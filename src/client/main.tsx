import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app';
import { restoreLanguage } from './i18n/language-preference';
import { registerServiceWorker } from './pwa/service-worker-registration';
import { preloadPage } from './router/lazy-pages';
import { currentPath, startRouter } from './router/router';
import { startAppModel } from './state/app-model';
import { restoreProfiles } from './state/profiles-model';
import { loadSession } from './state/session-model';
import './styles.css';

let firstRoute = true;
effect(() => {
  void currentPath.value;
  // Focus moves to the page heading only after a navigation, not on the first load.
  if (!firstRoute) document.body.dataset.navigated = 'true';
  firstRoute = false;
});

preloadPage(location.pathname);

// The profile decides which local database the data worker opens, so it is known before anything asks.
await Promise.all([restoreLanguage(), restoreProfiles()]);
startRouter();
startAppModel();
render(<App />, document.getElementById('app')!);
registerServiceWorker();
void loadSession();
