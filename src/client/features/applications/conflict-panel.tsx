import { useState } from 'preact/hooks';
import type { LocalRecord } from '../../../local';
import type { Conflict } from '../../../shared/protocol';
import { dataBridge } from '../../data-bridge';
import { t } from '../../i18n/translate';
import { fieldLabel } from './field-display';
import { useFieldValueText } from './use-field-value-text';

/** "While you were offline, the office changed phone: theirs / yours" — the person decides. */
export function ConflictPanel({ record }: { record: LocalRecord }) {
  const resolving = new Set(record.resolvingConflicts ?? []);
  const open = (record.server?.conflicts ?? []).filter((conflict) => !resolving.has(conflict.conflictId));
  if (open.length === 0) return null;
  return (
    <section class="conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t('conflict.title')}</h2>
      {open.map((conflict) => (
        <ConflictChoice key={conflict.conflictId} record={record} conflict={conflict} />
      ))}
    </section>
  );
}

function ConflictChoice({ record, conflict }: { record: LocalRecord; conflict: Conflict }) {
  const [busy, setBusy] = useState(false);
  const label = fieldLabel(record.service, conflict.path);
  const theirs = useFieldValueText(conflict.path, conflict.server);
  const yours = useFieldValueText(conflict.path, conflict.client);
  const choose = async (choice: 'server' | 'client') => {
    setBusy(true);
    try {
      await dataBridge().resolveConflict(record.id, conflict.conflictId, choice);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="conflict" data-testid="conflict">
      <p>{t('conflict.intro', { field: label })}</p>
      <dl class="conflict__values">
        <div>
          <dt>{t('conflict.theirs')}</dt>
          <dd data-testid="conflict-theirs">{theirs}</dd>
        </div>
        <div>
          <dt>{t('conflict.yours')}</dt>
          <dd data-testid="conflict-yours">{yours}</dd>
        </div>
      </dl>
      <div class="actions">
        <button type="button" class="button" disabled={busy} onClick={() => void choose('server')}>
          {t('conflict.keepTheirs')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          disabled={busy}
          onClick={() => void choose('client')}
        >
          {t('conflict.keepMine')}
        </button>
      </div>
    </div>
  );
}

export function openConflictCount(record: LocalRecord): number {
  const resolving = new Set(record.resolvingConflicts ?? []);
  return (record.server?.conflicts ?? []).filter((conflict) => !resolving.has(conflict.conflictId)).length;
}
