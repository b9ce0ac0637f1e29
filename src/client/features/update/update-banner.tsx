import { t } from '../../i18n/translate';
import { applyUpdate, updateWaiting } from '../../pwa/service-worker-registration';

export function UpdateBanner() {
  if (!updateWaiting.value) return null;
  return (
    <div class="banner" role="status">
      <p>{t('update.ready')}</p>
      <button type="button" class="button" onClick={applyUpdate}>
        {t('update.apply')}
      </button>
      <button
        type="button"
        class="button button--secondary"
        onClick={() => {
          updateWaiting.value = false;
        }}
      >
        {t('update.later')}
      </button>
    </div>
  );
}
