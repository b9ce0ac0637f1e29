import { useState } from 'preact/hooks';
import { ApiError, apiFetch } from '../../api/api-fetch';
import { t, tReason } from '../../i18n/translate';
import { loadSession, sessionUser } from '../../state/session-model';

/** A signed-in citizen turns into a volunteer with the code a caseworker gave them. */
export function VolunteerInviteForm() {
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  if (sessionUser.value?.kind === 'volunteer')
    return <p role="status">{message || t('volunteer.already')}</p>;
  if (sessionUser.value?.kind !== 'citizen') return null;
  const redeem = async (event: Event) => {
    event.preventDefault();
    try {
      await apiFetch('/api/auth/invites/redeem', { method: 'POST', body: { code: code.trim() } });
      setError('');
      setMessage(t('volunteer.done'));
      await loadSession();
    } catch (caught) {
      setError(caught instanceof ApiError ? tReason(caught.code) : tReason('unknown'));
    }
  };
  return (
    <form onSubmit={redeem} noValidate>
      <h2>{t('volunteer.title')}</h2>
      <p>{t('volunteer.intro')}</p>
      <div class={error ? 'field field--error' : 'field'}>
        <label for="invite-code">{t('volunteer.code')}</label>
        {error && (
          <p class="field__error" id="invite-code-error">
            {error}
          </p>
        )}
        <input
          id="invite-code"
          type="text"
          autocomplete="off"
          value={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'invite-code-error' : undefined}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button--secondary">
        {t('volunteer.submit')}
      </button>
      <p role="status">{message}</p>
    </form>
  );
}
