import { useEffect, useRef, useState } from 'preact/hooks';
import { formatPhoneForDisplay, phoneProblem } from '../../../shared/domain/validators';
import { ApiError } from '../../api/api-fetch';
import { t, tReason } from '../../i18n/translate';
import { syncStatus } from '../../state/app-model';
import { requestCode, sessionUser, signOut, verifyCode } from '../../state/session-model';
import { ErrorSummary, type FieldError } from '../../ui/error-summary';
import { PageHeading } from '../../ui/page-heading';
import { SignOutEverywhere } from './sign-out-everywhere';
import { VolunteerInviteForm } from './volunteer-invite-form';

function messageFor(error: unknown, field: string): FieldError {
  if (error instanceof ApiError) {
    if (error.status === 0) return { field, message: t('signIn.offline') };
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return { field, message: t('rateLimited', { minutes }) };
    }
    return { field, message: tReason(error.code) };
  }
  return { field, message: t('reason.unknown') };
}

/** Phone number, then the code from the SMS. Everything filled in before stays on the phone either way. */
export function SignInPage() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [stage, setStage] = useState<'phone' | 'code' | 'done'>('phone');
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  /** How many sessions the last «sign out on all devices» ended, while its result is shown. */
  const [signedOutEverywhere, setSignedOutEverywhere] = useState<number | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const user = sessionUser.value;

  // The confirmation that had focus is gone; the result takes it, so it is read out and found.
  useEffect(() => {
    if (signedOutEverywhere !== null) resultRef.current?.focus();
  }, [signedOutEverywhere]);

  if (user && stage !== 'done') {
    const waiting = syncStatus.value.waiting;
    return (
      <>
        <PageHeading>{t('signIn.title')}</PageHeading>
        <p>{t('signIn.signedInAs', { phone: user.phoneMasked ?? '' })}</p>
        {waiting > 0 && <p>{t('signIn.signOutWaiting', { n: waiting })}</p>}
        <button type="button" class="button button--secondary" onClick={() => void signOut()}>
          {t('signIn.signOut')}
        </button>
        <VolunteerInviteForm />
        <SignOutEverywhere
          onDone={(sessionsEnded) => {
            setStage('phone');
            setSignedOutEverywhere(sessionsEnded);
          }}
        />
      </>
    );
  }

  const sendCode = async (event: Event) => {
    event.preventDefault();
    const problem = phoneProblem(phone);
    if (problem) return setErrors([{ field: 'phone', message: tReason(problem) }]);
    setBusy(true);
    setSignedOutEverywhere(null);
    try {
      await requestCode(phone);
      setErrors([]);
      setStage('code');
    } catch (error) {
      setErrors([messageFor(error, 'phone')]);
    } finally {
      setBusy(false);
    }
  };

  const signIn = async (event: Event) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setErrors([{ field: 'code', message: t('code.format') }]);
    setBusy(true);
    try {
      await verifyCode(phone, code.trim());
      setErrors([]);
      setStage('done');
    } catch (error) {
      setErrors([messageFor(error, 'code')]);
    } finally {
      setBusy(false);
    }
  };

  const error = (field: string) => errors.find((item) => item.field === field)?.message;

  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      <ErrorSummary errors={errors} />
      {signedOutEverywhere !== null && (
        <p role="status" class="notice" tabIndex={-1} ref={resultRef}>
          {t('signOutEverywhere.done', { n: signedOutEverywhere })}
        </p>
      )}
      {stage === 'done' && (
        <p role="status" class="notice">
          {t('signIn.done')}
        </p>
      )}
      {stage === 'phone' && (
        <form onSubmit={sendCode} noValidate>
          <p>{t('signIn.intro')}</p>
          <div class={error('phone') ? 'field field--error' : 'field'}>
            <label for="field-phone">{t('signIn.phone')}</label>
            <p class="field__hint" id="hint-phone">
              {t('signIn.phoneHint')}
            </p>
            {error('phone') && (
              <p class="field__error" id="error-phone">
                {error('phone')}
              </p>
            )}
            <input
              id="field-phone"
              type="tel"
              autocomplete="tel"
              inputMode="tel"
              value={phone}
              aria-invalid={error('phone') ? true : undefined}
              aria-describedby={error('phone') ? 'hint-phone error-phone' : 'hint-phone'}
              onInput={(event) => setPhone(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button" disabled={busy}>
            {t('signIn.sendCode')}
          </button>
        </form>
      )}
      {stage === 'code' && (
        <form onSubmit={signIn} noValidate>
          <p role="status">{t('signIn.codeSent', { phone: formatPhoneForDisplay(phone) })}</p>
          <div class={error('code') ? 'field field--error' : 'field'}>
            <label for="field-code">{t('signIn.code')}</label>
            <p class="field__hint" id="hint-code">
              {t('signIn.codeHint')}
            </p>
            {error('code') && (
              <p class="field__error" id="error-code">
                {error('code')}
              </p>
            )}
            <input
              id="field-code"
              type="text"
              inputMode="numeric"
              autocomplete="one-time-code"
              value={code}
              aria-invalid={error('code') ? true : undefined}
              aria-describedby={error('code') ? 'hint-code error-code' : 'hint-code'}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
          </div>
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {t('signIn.submit')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => setStage('phone')}>
              {t('signIn.otherPhone')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
