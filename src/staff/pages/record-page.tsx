import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  type RecordStatus,
  SERVICE_DEFINITIONS,
  type Service,
  STATUS_TRANSITIONS,
} from '../../shared/domain';
import { ownerOf } from '../../shared/merge';
import type { RecordChange } from '../../shared/protocol';
import { readAmendmentEventDetail } from '../../shared/protocol/amendment-event';
import { childRows, topLevelFields } from '../../shared/record';
import { AuditTrail } from '../components/audit-trail';
import { PageTitle } from '../components/page-title';
import { PendingAmendments } from '../components/pending-amendments';
import { RecordPhotos } from '../components/record-photos';
import { serviceLabel, staffLabel, staffValue, statusLabel } from '../field-labels';
import { StaffApiError, type StaffRecord, staffFetch } from '../staff-api';

const OFFICE_FIELDS = new Set(['status', 'decisionReason', 'officeNote']);

function explain(error: unknown): string {
  if (!(error instanceof StaffApiError)) return 'Немає звʼязку із сервером. Спробуйте ще раз.';
  switch (error.code) {
    case 'field.conflict':
      return 'Громадянин змінив це поле, поки ви його редагували. Сторінку оновлено — перевірте нове значення.';
    case 'status.transitionNotAllowed':
      return 'Такий перехід стану неможливий.';
    case 'record.invalid':
      return 'Значення не пройшло перевірку.';
    case 'auth.forbidden':
      return 'Ця заява не з вашої області.';
    default:
      return `Не вдалося: ${error.code}`;
  }
}

const AMENDMENT_DECISIONS = { accepted: 'прийнято', declined: 'відхилено' } as const;

function timelineDetail(kind: string, detail: string): string {
  if (kind === 'status') return statusLabel(detail);
  if (kind !== 'amendment') return staffLabel(detail);
  const { path, decision } = readAmendmentEventDetail(detail);
  return decision ? `${staffLabel(path)} — ${AMENDMENT_DECISIONS[decision]}` : staffLabel(path);
}

export function RecordPage({ recordId }: { recordId: string }) {
  const [record, setRecord] = useState<StaffRecord | null>(null);
  const [message, setMessage] = useState('');
  const [loadError, setLoadError] = useState('');

  const load = useCallback(async () => {
    try {
      setRecord(await staffFetch<StaffRecord>(`/api/staff/records/${recordId}`));
    } catch (error) {
      setLoadError(
        error instanceof StaffApiError && error.status === 404 ? 'Заяву не знайдено.' : explain(error),
      );
    }
  }, [recordId]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Answers the error a refused action threw (undefined when it went through), for callers that explain more. */
  const act = async (path: string, body: unknown, done: string): Promise<unknown> => {
    try {
      const next = await staffFetch<RecordChange>(`/api/staff/records/${recordId}/${path}`, {
        method: 'POST',
        body,
      });
      // A write answers with the snapshot alone; what is known of the photos stays as it was.
      if (next && 'fields' in next) setRecord((shown) => ({ ...next, photos: shown?.photos ?? [] }));
      else await load();
      setMessage(done);
      return undefined;
    } catch (error) {
      setMessage(explain(error));
      await load();
      return error;
    }
  };

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!record) return <p role="status">Завантажуємо…</p>;

  const service = record.service as Service;
  const definition = SERVICE_DEFINITIONS[service];
  const fields = Object.entries(topLevelFields(record.fields)).filter(([path]) => !OFFICE_FIELDS.has(path));
  const household = childRows(record.fields, 'household');
  const questions = childRows(record.fields, 'infoRequests');
  const correctable = fields.filter(([path]) => definition && ownerOf(definition.policy, path) === 'shared');
  const nextStatuses = STATUS_TRANSITIONS[record.status as RecordStatus] ?? [];

  return (
    <>
      <PageTitle>{`${serviceLabel(service)} ${record.reference}`}</PageTitle>
      <p>
        Стан: <strong data-testid="staff-status">{statusLabel(record.status)}</strong> · версія{' '}
        {record.version}
      </p>
      <p role="status" aria-live="polite" data-testid="staff-message">
        {message}
      </p>
      <section aria-labelledby="actions-title" class="panel">
        <h2 id="actions-title">Дії</h2>
        <button type="button" onClick={() => void act('assign', {}, 'Заяву призначено вам.')}>
          Призначити мені
        </button>
        {nextStatuses.length > 0 && (
          <StatusForm statuses={nextStatuses} onSubmit={(body) => act('status', body, 'Стан змінено.')} />
        )}
        <QuestionForm
          onSubmit={(question) => act('info-requests', { question }, 'Запитання надіслано громадянину.')}
        />
        {correctable.length > 0 && (
          <CorrectionForm
            fields={correctable.map(([path]) => path)}
            current={record.fields}
            onSubmit={(change) => act('fields', { changes: [change] }, 'Поле виправлено.')}
          />
        )}
      </section>
      {record.conflicts.length > 0 && (
        <section aria-labelledby="conflicts-title" class="panel">
          <h2 id="conflicts-title">Розбіжності, які вирішує громадянин</h2>
          <ul>
            {record.conflicts.map((conflict) => (
              <li key={conflict.conflictId}>
                {staffLabel(conflict.path)}: офіс — «{staffValue(conflict.path, conflict.server)}», громадянин
                — «{staffValue(conflict.path, conflict.client)}»
              </li>
            ))}
          </ul>
        </section>
      )}
      <PendingAmendments
        record={record}
        decide={(amendmentIds, decision) => {
          const accepted = decision === 'accept';
          if (amendmentIds.length === 1) {
            return act(
              `amendments/${amendmentIds[0]}`,
              { decision },
              accepted ? 'Зміну прийнято.' : 'Зміну відхилено.',
            );
          }
          return act(
            'amendments',
            { decision, amendmentIds },
            accepted ? 'Вибрані зміни прийнято.' : 'Вибрані зміни відхилено.',
          );
        }}
      />
      <section aria-labelledby="fields-title">
        <h2 id="fields-title">Дані заяви</h2>
        <dl class="fields">
          {fields.map(([path, value]) => (
            <div key={path}>
              <dt>{staffLabel(path)}</dt>
              <dd data-testid={`field-${path}`}>{staffValue(path, value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {household.length > 0 && (
        <section aria-labelledby="household-title">
          <h2 id="household-title">Члени сімʼї</h2>
          {household.map((member) => (
            <dl class="fields" key={member.id}>
              {Object.entries(member.fields).map(([field, value]) => (
                <div key={field}>
                  <dt>{staffLabel(`household.${field}`)}</dt>
                  <dd>{staffValue(field, value)}</dd>
                </div>
              ))}
            </dl>
          ))}
        </section>
      )}
      <RecordPhotos recordId={recordId} photos={record.photos} />
      {questions.length > 0 && (
        <section aria-labelledby="questions-title">
          <h2 id="questions-title">Запитання й відповіді</h2>
          <ul>
            {questions.map((question) => (
              <li key={question.id} data-testid="staff-question">
                <strong>{String(question.fields.question ?? '')}</strong>
                <br />
                {typeof question.fields.answer === 'string'
                  ? `Відповідь: ${question.fields.answer}`
                  : 'Відповіді ще немає.'}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">Історія (час сервера)</h2>
        <ol>
          {record.timeline.map((event) => (
            <li key={`${event.at}-${event.kind}-${event.detail ?? ''}`}>
              {new Date(event.at).toLocaleString('uk-UA')} — {event.kind}
              {event.detail ? `: ${timelineDetail(event.kind, event.detail)}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <AuditTrail recordId={recordId} />
      <p>
        <a href="/staff/">До черги</a>
      </p>
    </>
  );
}

function StatusForm({
  statuses,
  onSubmit,
}: {
  statuses: readonly RecordStatus[];
  onSubmit: (body: unknown) => void;
}) {
  const [status, setStatus] = useState<RecordStatus>(statuses[0]!);
  const [reason, setReason] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(status === 'rejected' ? { status, reason } : { status });
      }}
    >
      <label for="status-select">Новий стан</label>
      <select
        id="status-select"
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as RecordStatus)}
      >
        {statuses.map((item) => (
          <option key={item} value={item}>
            {statusLabel(item)}
          </option>
        ))}
      </select>
      {status === 'rejected' && (
        <>
          <label for="status-reason">Причина відмови (її побачить громадянин)</label>
          <textarea
            id="status-reason"
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
      <button type="submit">Змінити стан</button>
    </form>
  );
}

function QuestionForm({ onSubmit }: { onSubmit: (question: string) => void }) {
  const [question, setQuestion] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (question.trim()) onSubmit(question.trim());
        setQuestion('');
      }}
    >
      <label for="question">Запитати громадянина</label>
      <textarea id="question" value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
      <button type="submit">Надіслати запитання</button>
    </form>
  );
}

function CorrectionForm(props: {
  fields: readonly string[];
  current: StaffRecord['fields'];
  onSubmit: (change: { path: string; base: unknown; value: string }) => void;
}) {
  const [path, setPath] = useState(props.fields[0]!);
  const [value, setValue] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit({ path, base: props.current[path] ?? null, value });
        setValue('');
      }}
    >
      <label for="correct-field">Виправити поле</label>
      <select id="correct-field" value={path} onChange={(e) => setPath(e.currentTarget.value)}>
        {props.fields.map((field) => (
          <option key={field} value={field}>
            {staffLabel(field)}
          </option>
        ))}
      </select>
      <label for="correct-value">Нове значення (зараз: {staffValue(path, props.current[path])})</label>
      <input id="correct-value" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      <button type="submit">Виправити</button>
    </form>
  );
}
