import { useState } from 'preact/hooks';
import type { LocalRecord } from '../../../local';
import { childPath, childRows } from '../../../shared/record/child-rows';
import { dataBridge } from '../../data-bridge';
import { formatDateTime } from '../../i18n/format-date-time';
import { t } from '../../i18n/translate';

/** The office's questions, each with the person's answer or a form to give one (offline too). */
export function InfoRequests({ record }: { record: LocalRecord }) {
  const requests = childRows(record.data, 'infoRequests');
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="info-title">
      <h2 id="info-title">{t('info.title')}</h2>
      {requests.map((request) => (
        <div class="info-request" key={request.id} data-testid="info-request">
          <p class="info-request__question">
            {String(request.fields.question ?? '')}
            {typeof request.fields.askedAt === 'string' && (
              <span class="muted"> · {formatDateTime(request.fields.askedAt)}</span>
            )}
          </p>
          {typeof request.fields.answer === 'string' && request.fields.answer !== '' ? (
            <p>{t('info.answered', { answer: request.fields.answer })}</p>
          ) : (
            <AnswerForm recordId={record.id} requestId={request.id} />
          )}
        </div>
      ))}
    </section>
  );
}

function AnswerForm({ recordId, requestId }: { recordId: string; requestId: string }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState('');
  const id = `answer-${requestId}`;
  const send = async (event: Event) => {
    event.preventDefault();
    if (answer.trim() === '') {
      setError(t('info.answerRequired'));
      document.getElementById(id)?.focus();
      return;
    }
    setError('');
    await dataBridge().edit(recordId, {
      [childPath('infoRequests', requestId, 'answer')]: answer.trim(),
      [childPath('infoRequests', requestId, 'answeredAt')]: new Date().toISOString(),
    });
  };
  return (
    <form onSubmit={send} noValidate>
      <div class={error ? 'field field--error' : 'field'}>
        <label for={id}>{t('info.answerLabel')}</label>
        {error && (
          <p class="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <textarea
          id={id}
          rows={4}
          value={answer}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => setAnswer(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button">
        {t('info.send')}
      </button>
    </form>
  );
}
