import type { FormMessageKey } from './form-messages-uk';

// Ukrainian is the source language: polite «ви», plain words, no bureaucratic abbreviations.
export const uk = {
  'app.name': 'Ластівка',
  'app.tagline': 'Державні послуги, що працюють без зв’язку',
  'skip.toContent': 'Перейти до основного змісту',
  'nav.label': 'Основне меню',
  'nav.home': 'Послуги',
  'nav.applications': 'Мої заяви',
  'language.switch': 'English',

  'home.title': 'Послуги',
  'home.intro':
    'Заповнюйте заяви навіть без зв’язку. Усе зберігається на телефоні й надсилається, щойно з’явиться інтернет.',
  'service.damageReport': 'Повідомлення про пошкоджене майно',
  'service.damageReport.hint': 'Якщо ваше житло пошкоджене або зруйноване',
  'service.idpRegistration': 'Довідка внутрішньо переміщеної особи',
  'service.idpRegistration.hint': 'Якщо вам довелося переїхати',
  'service.benefitApplication': 'Допомога на проживання',
  'service.benefitApplication.hint': 'Щомісячна виплата для переміщених осіб',
  'service.comingSoon': 'Скоро буде — поки що недоступно',
  'service.start': 'Почати',

  'damage.loading': 'Завантажуємо чернетку…',

  'errors.title': 'Виправте, будь ласка:',

  'sync.online': 'Є зв’язок',
  'sync.offline': 'Немає зв’язку',
  'sync.waiting.one': '{n} заява чекає на відправлення',
  'sync.waiting.few': '{n} заяви чекають на відправлення',
  'sync.waiting.many': '{n} заяв чекають на відправлення',
  'sync.waiting.other': '{n} заяви чекають на відправлення',
  'sync.nothingWaiting': 'Усе надіслано',
  'sync.lastDelivery': 'Останнє надсилання: {time}',
  'sync.sendNow': 'Надіслати зараз',
  'sync.sending': 'Надсилаємо…',
  'sync.offlineHint': 'Зв’язку немає. Заяви надішлемо, щойно він з’явиться.',
  'sync.retrying': 'Сервер недоступний. Спробуємо ще раз автоматично.',
  'sync.updateRequired': 'Оновіть застосунок, щоб надсилати заяви.',
  'sync.storageAtRisk':
    'Браузер може стерти дані сайту, якщо на телефоні забракне місця. Надішліть заяви, щойно з’явиться зв’язок, і не очищайте дані браузера.',
  'sync.label': 'Стан надсилання',

  'update.ready': 'Доступна нова версія застосунку.',
  'update.apply': 'Оновити',
  'update.later': 'Пізніше',

  'nav.applicationsCount': 'Мої заяви ({n})',
  'signIn.link': 'Увійти',
  'signIn.required': 'Увійдіть, щоб надіслати заяви.',
  rateLimited: 'Забагато спроб. Спробуйте ще раз через {minutes} хв.',
  'profiles.link': 'Профілі',
  'notFound.title': 'Сторінку не знайдено',
  'notFound.back': 'На головну',

  'reason.unknown': 'невідома помилка',

  'form.loadFailed': 'Не вдалося відкрити форму. Оновіть сторінку.',
} as const;

/** Keys of the first-load catalogue (this file). */
export type CoreMessageKey = keyof typeof uk;
/** Every key: the first-load catalogue plus the forms' catalogue, which loads with the first form. */
export type MessageKey = CoreMessageKey | FormMessageKey;
