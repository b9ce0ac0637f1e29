import { useEffect, useState } from 'preact/hooks';
import { RECORD_STATUSES, SERVICES } from '../../shared/domain';
import { PageTitle } from '../components/page-title';
import { VolunteerInvite } from '../components/volunteer-invite';
import { serviceLabel, staffValue, statusLabel } from '../field-labels';
import { type QueueItem, staffFetch } from '../staff-api';
import { staffNavigate, staffPath } from '../staff-router';
import { staffUser } from '../staff-session';

function formatDate(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Submissions in the caseworker's oblasts, newest first, filterable by service, status and date. */
export function QueuePage() {
  const params = new URLSearchParams(staffPath.value.split('?')[1] ?? '');
  const [items, setItems] = useState<readonly QueueItem[] | null>(null);
  const [error, setError] = useState('');
  const query = params.toString();

  useEffect(() => {
    setItems(null);
    staffFetch<{ items: QueueItem[] }>(`/api/staff/records?${query}`)
      .then((result) => setItems(result.items))
      .catch(() => setError('Не вдалося завантажити чергу. Спробуйте оновити сторінку.'));
  }, [query]);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const key of ['service', 'status', 'from', 'to']) {
      const value = String(form.get(key) ?? '');
      if (value) next.set(key, value);
    }
    staffNavigate(`/staff/${next.size > 0 ? `?${next}` : ''}`);
  };

  return (
    <>
      <PageTitle>Черга заяв</PageTitle>
      <form class="filters" onSubmit={applyFilters} aria-label="Фільтри">
        <label>
          Послуга
          <select name="service" value={params.get('service') ?? ''}>
            <option value="">усі</option>
            {SERVICES.map((service) => (
              <option key={service} value={service}>
                {serviceLabel(service)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Стан
          <select name="status" value={params.get('status') ?? ''}>
            <option value="">усі</option>
            {RECORD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Отримано з
          <input type="date" name="from" value={params.get('from') ?? ''} />
        </label>
        <label>
          по
          <input type="date" name="to" value={params.get('to') ?? ''} />
        </label>
        <button type="submit">Показати</button>
      </form>
      <p>
        <a href={`/api/staff/export.csv?${query}`} download="lastivka-zaiavy.csv">
          Завантажити CSV (ваші області, з урахуванням фільтрів)
        </a>
      </p>
      {error && <p role="alert">{error}</p>}
      {items === null && !error && <p role="status">Завантажуємо…</p>}
      {items?.length === 0 && <p>Заяв за цими умовами немає.</p>}
      {items && items.length > 0 && (
        <table>
          <caption class="visually-hidden">Заяви, новіші спочатку</caption>
          <thead>
            <tr>
              <th scope="col">Номер</th>
              <th scope="col">Послуга</th>
              <th scope="col">Область</th>
              <th scope="col">Стан</th>
              <th scope="col">Отримано</th>
              <th scope="col">Виконавець</th>
              <th scope="col">Увага</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.recordId} data-testid="queue-row">
                <td>
                  <a href={`/staff/records/${item.recordId}`}>{item.reference}</a>
                </td>
                <td>{serviceLabel(item.service)}</td>
                <td>{item.oblast ? staffValue('propOblast', item.oblast) : '—'}</td>
                <td>{statusLabel(item.status)}</td>
                <td>{formatDate(item.acceptedAt)}</td>
                <td>{item.assignedTo ? 'призначено' : '—'}</td>
                <td>
                  {item.openConflicts > 0 && <span>конфлікти: {item.openConflicts} </span>}
                  {item.pendingAmendments > 0 && <span>зміни: {item.pendingAmendments}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {staffUser.value?.kind === 'caseworker' && <VolunteerInvite />}
    </>
  );
}
