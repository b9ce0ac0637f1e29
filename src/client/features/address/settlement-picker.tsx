import { useRef, useState } from 'preact/hooks';
import { searchSettlements } from '../../../shared/domain/katottg';
import { controlIds, describedBy } from '../../forms/field-controls';
import { t } from '../../i18n/translate';
import { hitDetail, settlementDescription, unitName } from './settlement-name';
import { useOblastTree } from './use-oblast-tree';

const RESULT_LIMIT = 12;

/**
 * The accessible-and-robust pattern rather than a clever combobox: a labelled text input, a polite count
 * of results, and the results as ordinary buttons (Tab or the arrow keys move between them, Enter picks).
 * Works offline once the oblast's file has been fetched.
 */
export function SettlementPicker(props: {
  oblastCode: string;
  name: string;
  value: string | undefined;
  error?: string | undefined;
  onValue: (code: string | null) => void;
}) {
  const [treeState, retry] = useOblastTree(props.oblastCode);
  const [query, setQuery] = useState('');
  const [changing, setChanging] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = controlIds('', props.name);
  const label = t('address.settlement');

  if (treeState.status === 'loading' || treeState.status === 'none') {
    return (
      <div class="field">
        <p class="field__label">{label}</p>
        <p role="status">{t('address.loading')}</p>
      </div>
    );
  }
  if (treeState.status === 'offline' || treeState.status === 'failed') {
    return (
      <div class={props.error ? 'field field--error' : 'field'}>
        <p class="field__label">{label}</p>
        <p class="notice" role="status" data-testid="katottg-unavailable">
          {treeState.status === 'offline' ? t('address.offlineNotLoaded') : t('address.loadFailed')}
        </p>
        <button type="button" class="button button--secondary" id={ids.control} onClick={retry}>
          {t('address.retry')}
        </button>
      </div>
    );
  }

  const tree = treeState.tree;
  const chosen = props.value ? settlementDescription(tree, props.value) : null;
  if (chosen && !changing) {
    return (
      <div class={props.error ? 'field field--error' : 'field'}>
        <p class="field__label" id={`${ids.control}-label`}>
          {label}
        </p>
        {props.error && (
          <p class="field__error" id={ids.error}>
            {props.error}
          </p>
        )}
        <p class="settlement-chosen" data-testid="settlement-chosen">
          <strong>{chosen.name}</strong>
          {chosen.detail && <span class="settlement-chosen__detail">{chosen.detail}</span>}
        </p>
        <button
          type="button"
          class="button button--secondary"
          id={ids.control}
          aria-describedby={describedBy(ids, false, props.error, `${ids.control}-label`)}
          onClick={() => {
            setChanging(true);
            setQuery('');
            requestAnimationFrame(() => inputRef.current?.focus());
          }}
        >
          {t('address.changeSettlement')}
        </button>
      </div>
    );
  }

  const hits = query.trim() === '' ? [] : searchSettlements(tree, query, RESULT_LIMIT);
  const buttons = () => [...(listRef.current?.querySelectorAll('button') ?? [])];
  const moveFocus = (from: number, step: number) => {
    const list = buttons();
    const next = from + step;
    if (next < 0) inputRef.current?.focus();
    else list[Math.min(next, list.length - 1)]?.focus();
  };
  const statusId = `${ids.control}-status`;

  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={ids.control}>{label}</label>
      <p class="field__hint" id={ids.hint}>
        {t('address.settlementHint')}
      </p>
      {props.error && (
        <p class="field__error" id={ids.error}>
          {props.error}
        </p>
      )}
      <input
        ref={inputRef}
        id={ids.control}
        class="input"
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={query}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(ids, true, props.error, statusId)}
        aria-controls={hits.length > 0 ? `${ids.control}-results` : undefined}
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && hits.length > 0) {
            event.preventDefault();
            moveFocus(-1, 1);
          }
          // Enter picks the first result instead of submitting the step.
          if (event.key === 'Enter') {
            event.preventDefault();
            if (hits[0]) buttons()[0]?.focus();
          }
        }}
      />
      <p class="visually-hidden" id={statusId} role="status" aria-live="polite">
        {query.trim() === ''
          ? ''
          : hits.length === 0
            ? t('address.noResults')
            : t('address.resultsCount', { n: hits.length })}
      </p>
      {query.trim() !== '' && hits.length === 0 && (
        <p class="muted" aria-hidden="true">
          {t('address.noResults')}
        </p>
      )}
      {hits.length > 0 && (
        <ul
          class="settlement-results"
          id={`${ids.control}-results`}
          ref={listRef}
          data-testid="settlement-results"
        >
          {hits.map((hit, index) => (
            <li key={hit.unit.code}>
              <button
                type="button"
                class="settlement-result"
                onClick={() => {
                  setChanging(false);
                  setQuery('');
                  props.onValue(hit.unit.code);
                  // The button pressed is gone; the choice and its "change" button take its place.
                  requestAnimationFrame(() => document.getElementById(ids.control)?.focus());
                }}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                    event.preventDefault();
                    moveFocus(index, event.key === 'ArrowDown' ? 1 : -1);
                  }
                  if (event.key === 'Escape') inputRef.current?.focus();
                }}
              >
                <strong>{unitName(hit.unit)}</strong>
                <span class="settlement-result__detail">{hitDetail(hit)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
