import { formatDateTime } from '../../i18n/format-date-time';
import { isMessageKey, t, tPlural } from '../../i18n/translate';
import { formPath, paths } from '../../router/routes';
import { records } from '../../state/app-model';
import { PageHeading } from '../../ui/page-heading';
import { openConflictCount } from './conflict-panel';
import { StateLabel } from './state-label';

function officeStatusText(status: string): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}

export function ApplicationsPage() {
  const list = records.value;
  return (
    <>
      <PageHeading>{t('applications.title')}</PageHeading>
      {list === null && <p role="status">{t('damage.loading')}</p>}
      {list?.length === 0 && (
        <>
          <p>{t('applications.empty')}</p>
          <a class="button" href={paths.damageReportNew()}>
            {t('applications.startFirst')}
          </a>
        </>
      )}
      {list && list.length > 0 && (
        <ul class="records">
          {list.map((record) => (
            <li key={record.id} class="record" data-testid="record">
              <h2>
                {t(`service.${record.service}`)} <span class="reference">{record.reference}</span>
              </h2>
              <p>
                <StateLabel state={record.state} />
                {record.server && <> · {officeStatusText(record.server.status)}</>} ·{' '}
                {formatDateTime(record.server?.updatedAt ?? record.updatedAt)}
                {record.unseen && <strong class="badge"> {t('news.badge')}</strong>}
              </p>
              {openConflictCount(record) > 0 && (
                <p class="attention-line">{tPlural('conflict.badge', openConflictCount(record))}</p>
              )}
              <a
                href={
                  record.state === 'draft'
                    ? formPath(record.service, record.id)
                    : paths.application(record.id)
                }
              >
                {record.state === 'draft' ? t('applications.continue') : t('applications.open')}
                <span class="visually-hidden"> {record.reference}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
