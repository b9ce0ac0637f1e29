import { OBLASTS } from '../../../shared/domain';
import { formatDateTime } from '../../i18n/format-date-time';
import { language, t, tReason } from '../../i18n/translate';
import { paths } from '../../router/routes';
import { records } from '../../state/app-model';
import { PageHeading } from '../../ui/page-heading';
import { StateLabel } from './state-label';

/** The receipt: the reference number first, then what happens next in plain words. */
export function ApplicationPage({ recordId }: { recordId: string }) {
  const list = records.value;
  if (list === null) return <p role="status">{t('damage.loading')}</p>;
  const record = list.find((item) => item.id === recordId);
  if (!record) return <p>{t('record.notFound')}</p>;
  const oblast = OBLASTS.find((item) => item.code === record.data.oblast);
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
      <dl class="summary">
        <dt>{t('receipt.capturedAt')}</dt>
        <dd>{formatDateTime(record.createdAt)}</dd>
        {record.data.propertyType && (
          <>
            <dt>{t('damage.propertyType')}</dt>
            <dd>{t(`propertyType.${record.data.propertyType}` as 'propertyType.house')}</dd>
          </>
        )}
        {oblast && (
          <>
            <dt>{t('damage.oblast')}</dt>
            <dd>{oblast[language.value]}</dd>
          </>
        )}
        {record.data.description && (
          <>
            <dt>{t('damage.description')}</dt>
            <dd class="summary__text">{record.data.description}</dd>
          </>
        )}
      </dl>
      {record.state === 'attention' && (
        <p>
          <a class="button" href={paths.damageReportEdit(record.id)}>
            {t('receipt.fix')}
          </a>
        </p>
      )}
      <p>
        <a href={paths.applications()}>{t('receipt.toList')}</a>
      </p>
    </>
  );
}
