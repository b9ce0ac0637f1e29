import { useState } from 'preact/hooks';
import { staffLabel, staffValue } from '../field-labels';
import { StaffApiError, type StaffRecord } from '../staff-api';

/** Said when one change alone would leave the record invalid: typically an oblast and its settlement. */
const DECIDE_TOGETHER = 'Ці зміни залежать одна від одної — позначте їх і прийміть разом.';

export type DecideAmendments = (
  amendmentIds: readonly string[],
  decision: 'accept' | 'decline',
) => Promise<unknown>;

/**
 * The citizen's pending amendments, each with its own buttons, plus checkboxes to decide several at
 * once: some only pass the schema together, and accepting either alone is refused.
 */
export function PendingAmendments({ record, decide }: { record: StaffRecord; decide: DecideAmendments }) {
  const pending = record.amendments.filter((amendment) => amendment.state === 'pending');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [hint, setHint] = useState('');
  // Decided ones drop out of the list, so a stale tick can never be sent.
  const selected = pending.filter((amendment) => chosen.has(amendment.amendmentId));

  const toggle = (amendmentId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(amendmentId);
      else next.delete(amendmentId);
      return next;
    });

  const decideOne = async (amendmentId: string, decision: 'accept' | 'decline') => {
    setHint('');
    const error = await decide([amendmentId], decision);
    if (
      decision === 'accept' &&
      error instanceof StaffApiError &&
      error.code === 'record.invalid' &&
      pending.length > 1
    ) {
      setHint(DECIDE_TOGETHER);
    }
  };

  const decideSelected = async (decision: 'accept' | 'decline') => {
    if (selected.length === 0) {
      setHint('Спершу позначте зміни.');
      return;
    }
    setHint('');
    const error = await decide(
      selected.map((amendment) => amendment.amendmentId),
      decision,
    );
    if (error === undefined) setChosen(new Set());
  };

  if (pending.length === 0) return null;
  const several = pending.length > 1;
  const summary = (amendment: StaffRecord['amendments'][number]) =>
    `${staffLabel(amendment.path)}: «${staffValue(amendment.path, record.fields[amendment.path])}» → «${staffValue(amendment.path, amendment.value)}»`;
  return (
    <section aria-labelledby="amendments-title" class="panel amendments">
      <h2 id="amendments-title">Запити на зміну</h2>
      {hint && (
        <p role="alert" class="error" data-testid="amendments-hint">
          {hint}
        </p>
      )}
      {pending.map((amendment) => {
        const checkboxId = `amendment-${amendment.amendmentId}`;
        return (
          <div key={amendment.amendmentId} class="amendment">
            {several ? (
              <>
                <input
                  type="checkbox"
                  id={checkboxId}
                  checked={chosen.has(amendment.amendmentId)}
                  onChange={(event) => toggle(amendment.amendmentId, event.currentTarget.checked)}
                />
                <label for={checkboxId}>{summary(amendment)}</label>
              </>
            ) : (
              <p>{summary(amendment)}</p>
            )}
            <div class="amendment-actions">
              <button type="button" onClick={() => void decideOne(amendment.amendmentId, 'accept')}>
                Прийняти зміну
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => void decideOne(amendment.amendmentId, 'decline')}
              >
                Відхилити
              </button>
            </div>
          </div>
        );
      })}
      {several && (
        <div class="amendment-actions">
          <button type="button" onClick={() => void decideSelected('accept')}>
            Прийняти вибрані разом
          </button>
          <button type="button" class="secondary" onClick={() => void decideSelected('decline')}>
            Відхилити вибрані
          </button>
        </div>
      )}
    </section>
  );
}
