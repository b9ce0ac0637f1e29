import type { LocalRecord } from '../../../local';
import type { TimelineEvent } from '../../../shared/protocol';
import { readAmendmentEventDetail } from '../../../shared/protocol/amendment-event';
import { formatDateTime } from '../../i18n/format-date-time';
import { isMessageKey, t } from '../../i18n/translate';
import { fieldLabel } from './field-display';

function eventText(record: LocalRecord, event: TimelineEvent): string {
  switch (event.kind) {
    case 'status': {
      const key = `status.${event.detail ?? ''}`;
      return t('timeline.status', { status: isMessageKey(key) ? t(key) : (event.detail ?? '') });
    }
    case 'correction':
    case 'conflict':
      return t(`timeline.${event.kind}`, { field: fieldLabel(record.service, event.detail ?? '') });
    case 'amendment': {
      const { path, decision } = readAmendmentEventDetail(event.detail ?? '');
      const field = fieldLabel(record.service, path);
      if (decision === 'accepted') return t('timeline.amendmentAccepted', { field });
      if (decision === 'declined') return t('timeline.amendmentDeclined', { field });
      return t('timeline.amendment', { field });
    }
    default:
      return t(`timeline.${event.kind}`);
  }
}

/**
 * Captured on the phone (device time) first, then what the server recorded (server time). The two
 * clocks are labelled because a phone's clock can be wrong by hours.
 */
export function RecordTimeline({ record }: { record: LocalRecord }) {
  const events = record.server?.timeline ?? [];
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ol class="timeline">
        <li>
          <span class="timeline__time">
            {formatDateTime(record.createdAt)} <span class="muted">({t('timeline.deviceTime')})</span>
          </span>{' '}
          {t('timeline.captured')}
        </li>
        {events.map((event) => (
          <li key={`${event.at}-${event.kind}-${event.detail ?? ''}`}>
            <span class="timeline__time">
              {formatDateTime(event.at)} <span class="muted">({t('timeline.serverTime')})</span>
            </span>{' '}
            {eventText(record, event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
