import type { CoreMessageKey } from './messages-uk';

export const en: Record<CoreMessageKey, string> = {
  'app.name': 'Lastivka',
  'app.tagline': 'Public services that work without signal',
  'skip.toContent': 'Skip to main content',
  'nav.label': 'Main menu',
  'nav.home': 'Services',
  'nav.applications': 'My applications',
  'language.switch': 'Українська',

  'home.title': 'Services',
  'home.intro':
    'Fill in applications even without signal. Everything is kept on this phone and sent as soon as there is internet.',
  'service.damageReport': 'Report damaged property',
  'service.damageReport.hint': 'If your home was damaged or destroyed',
  'service.idpRegistration': 'Displaced person certificate',
  'service.idpRegistration.hint': 'If you had to move',
  'service.benefitApplication': 'Living allowance',
  'service.benefitApplication.hint': 'Monthly payment for displaced people',
  'service.comingSoon': 'Coming soon — not available yet',
  'service.start': 'Start',

  'damage.loading': 'Loading the draft…',

  'errors.title': 'Please correct:',

  'sync.online': 'Online',
  'sync.offline': 'Offline',
  'sync.waiting.one': '{n} application waiting to send',
  'sync.waiting.few': '{n} applications waiting to send',
  'sync.waiting.many': '{n} applications waiting to send',
  'sync.waiting.other': '{n} applications waiting to send',
  'sync.nothingWaiting': 'Everything sent',
  'sync.lastDelivery': 'Last delivery: {time}',
  'sync.sendNow': 'Send now',
  'sync.sending': 'Sending…',
  'sync.offlineHint': 'No signal. We will send your applications as soon as there is.',
  'sync.retrying': 'The server cannot be reached. We will try again automatically.',
  'sync.updateRequired': 'Update the app to send applications.',
  'sync.storageAtRisk':
    'The browser may erase this site’s data if the phone runs out of space. Send your applications as soon as there is signal, and do not clear the browser’s data.',
  'sync.label': 'Sending status',

  'update.ready': 'A new version of the app is ready.',
  'update.apply': 'Update',
  'update.later': 'Later',

  'nav.applicationsCount': 'My applications ({n})',
  'signIn.link': 'Sign in',
  'signIn.required': 'Sign in to send your applications.',
  rateLimited: 'Too many attempts. Try again in {minutes} min.',
  'profiles.link': 'Profiles',
  'notFound.title': 'Page not found',
  'notFound.back': 'To the start page',

  'reason.unknown': 'unknown error',
  'form.loadFailed': 'The form could not be opened. Reload the page.',
};
