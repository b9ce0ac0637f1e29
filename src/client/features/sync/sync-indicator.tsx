import { formatDateTime } from '../../i18n/format-date-time';
import { t, tPlural } from '../../i18n/translate';
import { paths } from '../../router/routes';
import { online, sendNow, syncActivity, syncStatus } from '../../state/app-model';
import { storagePersisted } from '../../state/storage-persistence';

/** Online/offline, what waits, when the last delivery happened, and a way to send now. */
export function SyncIndicator() {
  const status = syncStatus.value;
  const activity = syncActivity.value;
  const isOnline = online.value;
  let activityText = '';
  if (status.updateRequired || activity === 'updateRequired') activityText = t('sync.updateRequired');
  else if (status.signInRequired || activity === 'signInRequired') activityText = t('signIn.required');
  else if (activity === 'sending') activityText = t('sync.sending');
  else if (activity === 'retrying') activityText = t('sync.retrying');
  else if (!isOnline && status.waiting > 0) activityText = t('sync.offlineHint');

  return (
    <section class="sync" aria-label={t('sync.label')}>
      <p class="sync__line">
        <span
          class={isOnline ? 'sync__dot sync__dot--online' : 'sync__dot sync__dot--offline'}
          aria-hidden="true"
        />
        <span data-testid="connection">{isOnline ? t('sync.online') : t('sync.offline')}</span>
        {' · '}
        <span data-testid="waiting">
          {status.waiting > 0 ? tPlural('sync.waiting', status.waiting) : t('sync.nothingWaiting')}
        </span>
        {status.lastDeliveryAt && (
          <>
            {' · '}
            <span>{t('sync.lastDelivery', { time: formatDateTime(status.lastDeliveryAt) })}</span>
          </>
        )}
      </p>
      <p class="sync__activity" role="status">
        {activityText}
        {(status.signInRequired || activity === 'signInRequired') && (
          <>
            {' '}
            <a href={paths.signIn()}>{t('signIn.link')}</a>
          </>
        )}
      </p>
      {status.waiting > 0 && storagePersisted.value === false && (
        <p class="sync__warning" data-testid="storage-warning">
          {t('sync.storageAtRisk')}
        </p>
      )}
      {status.waiting > 0 && (
        <button
          type="button"
          class="button button--secondary"
          disabled={activity === 'sending'}
          onClick={() => void sendNow()}
        >
          {t('sync.sendNow')}
        </button>
      )}
    </section>
  );
}
