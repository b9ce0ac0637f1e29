import { useState } from 'preact/hooks';
import { StaffApiError, staffFetch } from '../staff-api';

/** A one-time code a caseworker hands to a volunteer, who enters it in the citizen app once signed in. */
export function VolunteerInvite() {
  const [invite, setInvite] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState('');
  const create = async () => {
    try {
      setInvite(
        await staffFetch<{ code: string; expiresAt: string }>('/api/staff/invites', {
          method: 'POST',
          body: {},
        }),
      );
      setError('');
    } catch (caught) {
      setError(
        caught instanceof StaffApiError && caught.code === 'invite.scope'
          ? 'Запрошувати волонтерів можуть фахівці, закріплені за однією областю.'
          : 'Не вдалося створити запрошення.',
      );
    }
  };
  return (
    <section aria-labelledby="invite-title" class="panel">
      <h2 id="invite-title">Запросити волонтера</h2>
      <p>Волонтер збирає заяви за інших людей. Дайте йому код — він введе його в застосунку після входу.</p>
      <button type="button" onClick={() => void create()}>
        Створити код запрошення
      </button>
      <p role="status" aria-live="polite">
        {invite && (
          <>
            Код: <strong data-testid="invite-code">{invite.code}</strong>, діє до{' '}
            {new Date(invite.expiresAt).toLocaleString('uk-UA')}.
          </>
        )}
        {error}
      </p>
    </section>
  );
}
