import { useEffect } from 'preact/hooks';
import { FINAL_STATUSES } from '../../../shared/domain/record-status';
import { topLevelFields } from '../../../shared/record/child-rows';
import { dataBridge } from '../../data-bridge';
import { formatDateTime } from '../../i18n/format-date-time';
import { isMessageKey, t, tReason } from '../../i18n/translate';
import { formPath, paths } from '../../router/routes';
import { records } from '../../state/app-model';
import { PageHeading } from '../../ui/page-heading';
import { SettlementText } from '../address/settlement-text';
import { PhotoUploadStatus } from '../photos/photo-upload-status';
import { AmendmentLine } from './amendment-line';
import { ConflictPanel } from './conflict-panel';
import { displayValue, fieldLabel } from './field-display';
import { InfoRequests } from './info-requests';
import { RecordTimeline } from './record-timeline';
import { StateLabel } from './state-label';
import { WithdrawButton } from './withdraw-button';

/** The receipt and the life of one application: reference, delivery, office status, questions, history. */
export function ApplicationPage({ recordId }: { recordId: string }) {
  const list = records.value;
  const record = list?.find((item) => item.id === recordId);

  useEffect(() => {
    if (record?.unseen) void dataBridge().markSeen(record.id);
  }, [record?.unseen, record?.id]);

  if (list === null) return <p role="status">{t('damage.loading')}</p>;
  if (!record) return <p>{t('record.notFound')}</p>;

  const status = record.server?.status;
  const statusKey = `status.${status ?? ''}`;
  const decisionReason = record.data.decisionReason;
  const isFinal = status !== undefined && FINAL_STATUSES.includes(status);
  const visibleFields = Object.entries(topLevelFields(record.data)).filter(
    ([path]) => !['status', 'decisionReason', 'officeNote'].includes(path),
  );

  return (
    <>
      <PageHeading>{t('receipt.title')}</PageHeading>
      <div class="receipt">
        <p>{t('receipt.reference')}</p>
        <p class="receipt__reference" data-testid="reference">
          {record.reference}
        </p>
        <p>{t('receipt.referenceHint')}</p>
      </div>
      <p>
        <StateLabel state={record.state} />
      </p>
      <div role="status" data-testid="delivery">
        {record.state === 'queued' && <p>{t('receipt.queued')}</p>}
        {record.state === 'delivered' && record.acceptedAt && (
          <p>{t('receipt.delivered', { time: formatDateTime(record.acceptedAt) })}</p>
        )}
        {record.state === 'attention' && record.attention && (
          <p>{t('receipt.attention', { reason: tReason(record.attention.reason) })}</p>
        )}
      </div>
      <PhotoUploadStatus record={record} />
      {status && (
        <p class="office-status">
          {t('office.status')}:{' '}
          <strong data-testid="office-status">{isMessageKey(statusKey) ? t(statusKey) : status}</strong>
          {typeof decisionReason === 'string' && decisionReason !== '' && (
            <>
              <br />
              {t('office.decisionReason', { reason: decisionReason })}
            </>
          )}
        </p>
      )}
      <ConflictPanel record={record} />
      <InfoRequests record={record} />
      {(record.server?.amendments ?? []).map((amendment) => (
        <AmendmentLine key={amendment.amendmentId} record={record} amendment={amendment} />
      ))}
      <dl class="summary">
        {visibleFields.map(([path, value]) => (
          <div key={path}>
            <dt>{fieldLabel(record.service, path)}</dt>
            <dd class="summary__text">
              {/Settlement$/.test(path) && typeof value === 'string' ? (
                <SettlementText code={value} />
              ) : (
                displayValue(path, value)
              )}
            </dd>
          </div>
        ))}
      </dl>
      <RecordTimeline record={record} />
      <div class="actions">
        {record.state === 'attention' && !record.server && (
          <a class="button" href={formPath(record.service, record.id)}>
            {t('receipt.fix')}
          </a>
        )}
        {record.server && !isFinal && (
          <a class="button button--secondary" href={formPath(record.service, record.id)}>
            {t('edit.start')}
          </a>
        )}
        {record.server && !isFinal && <WithdrawButton recordId={record.id} />}
      </div>
      <p>
        <a href={paths.applications()}>{t('receipt.toList')}</a>
      </p>
    </>
  );
}
