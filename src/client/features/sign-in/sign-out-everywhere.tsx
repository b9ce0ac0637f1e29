import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-fetch';
import { t } from '../../i18n/translate';
import { online } from '../../state/app-model';
import { loadSession } from '../../state/session-model';
import { signOutEverywhere } from '../../state/sign-out-everywhere';

const OFFLINE_NOTE_ID = 'sign-out-everywhere-offline';

/**
 * For a phone lost or taken at a checkpoint: from this one, every session of the account ends, so
 * the other phone's next request is refused. Two presses, because this phone is signed out too.
 * Offline the buttons stay focusable and say why they do nothing (a disabled button would not say).
 */
export function SignOutEverywhere({ onDone }: { onDone: (sessionsEnded: number) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'signOutEverywhere.failed' | 'signOutEverywhere.offline' | null>(
    null,
  );
  const openRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const isOnline = online.value;

  // Each step replaces the other's buttons: keyboard focus follows, instead of falling to the page.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const offlineProps = isOnline ? {} : { 'aria-disabled': true, 'aria-describedby': OFFLINE_NOTE_ID };

  const confirm = async () => {
    if (!online.value || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const sessionsEnded = await signOutEverywhere();
      onDone(sessionsEnded);
    } catch (error) {
      // 401: another device ended this session first; what is left is to sign in again.
      if (error instanceof ApiError && error.status === 401) await loadSession();
      // The browser may think it is online while no request gets through.
      else if (error instanceof ApiError && error.status === 0) setProblem('signOutEverywhere.offline');
      else setProblem('signOutEverywhere.failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">{t('signOutEverywhere.title')}</h2>
      <p>{t('signOutEverywhere.intro')}</p>
      {!isOnline && (
        <p class="field__hint" id={OFFLINE_NOTE_ID}>
          {t('signOutEverywhere.offline')}
        </p>
      )}
      {problem && <p role="alert">{t(problem)}</p>}
      {confirming ? (
        <fieldset class="confirm">
          <legend>{t('signOutEverywhere.confirm')}</legend>
          <div class="actions">
            <button
              ref={confirmRef}
              type="button"
              class="button button--warning"
              {...offlineProps}
              onClick={() => void confirm()}
            >
              {t('signOutEverywhere.confirmYes')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setConfirming(false)}>
              {t('signOutEverywhere.cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          ref={openRef}
          type="button"
          class="button button--secondary"
          {...offlineProps}
          onClick={() => {
            if (online.value) setConfirming(true);
          }}
        >
          {t('signOutEverywhere.button')}
        </button>
      )}
    </section>
  );
}
