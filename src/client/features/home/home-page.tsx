import { LIVE_SERVICES, SERVICES } from '../../../shared/domain/services';
import { t } from '../../i18n/translate';
import { formPath } from '../../router/routes';
import { PageHeading } from '../../ui/page-heading';

export function HomePage() {
  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p class="lead">{t('home.intro')}</p>
      <ul class="services">
        {SERVICES.map((service) => {
          const live = LIVE_SERVICES.includes(service);
          return (
            <li key={service} class={live ? 'service' : 'service service--soon'}>
              <h2>{t(`service.${service}`)}</h2>
              <p>{t(`service.${service}.hint`)}</p>
              {live ? (
                <a class="button" href={formPath(service)}>
                  {t('service.start')}
                  <span class="visually-hidden">: {t(`service.${service}`)}</span>
                </a>
              ) : (
                <p class="service__soon">{t('service.comingSoon')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
