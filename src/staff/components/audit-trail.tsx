import { useEffect, useState } from 'preact/hooks';
import { staffFetch } from '../staff-api';

interface AuditEntry {
  readonly at: string;
  readonly actorUserId: string | null;
  readonly actorKind: string;
  readonly action: string;
  readonly detail: string | null;
}

const ACTIONS: Readonly<Record<string, string>> = {
  'record.read': 'переглянуто',
  'record.auditRead': 'переглянуто журнал',
  'record.photoRead': 'переглянуто фото',
  'record.assign': 'призначено',
  'record.setStatus': 'змінено стан',
  'record.askInformation': 'поставлено запитання',
  'record.correctFields': 'виправлено поля',
  'record.decideAmendment': 'вирішено запит на зміну',
};

/** Who opened or changed this record, and when: every staff read and write leaves an entry. */
export function AuditTrail({ recordId }: { recordId: string }) {
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    staffFetch<{ entries: AuditEntry[] }>(`/api/staff/records/${recordId}/audit`)
      .then((result) => setEntries(result.entries))
      .catch(() => setFailed(true));
  }, [recordId]);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Журнал доступу</h2>
      {failed && <p role="alert">Не вдалося завантажити журнал.</p>}
      {entries === null && !failed && <p role="status">Завантажуємо…</p>}
      {entries && (
        <ol data-testid="audit-trail">
          {entries.map((entry) => (
            <li key={`${entry.at}-${entry.action}-${entry.actorUserId ?? ''}`}>
              {new Date(entry.at).toLocaleString('uk-UA')} — {ACTIONS[entry.action] ?? entry.action} (
              {entry.actorKind}, {entry.actorUserId?.slice(0, 8) ?? '—'})
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
