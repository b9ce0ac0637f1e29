import { useEffect, useState } from 'preact/hooks';
import { FINAL_STATUSES } from '../../shared/domain/record-status';
import { checkFields, checkSubmission } from '../../shared/domain/service-definition';
import type { ValidationIssue } from '../../shared/domain/validation-issue';
import type { FieldMap, FieldValue } from '../../shared/record';
import { dataBridge } from '../data-bridge';
import { memberAnchorId } from '../features/household/household-editor';
import { formatTime } from '../i18n/format-date-time';
import type { MessageKey } from '../i18n/messages-uk';
import { t, tReason } from '../i18n/translate';
import { requestBackgroundSync } from '../pwa/service-worker-registration';
import { preloadLazyPage } from '../router/lazy-pages';
import { currentPath, navigate } from '../router/router';
import { formPath, paths } from '../router/routes';
import { PageHeading } from '../ui/page-heading';
import { adoptedDrafts } from './adopted-drafts';
import { changedValues } from './changed-values';
import { CheckAnswers } from './check-answers';
import { DraftSaver } from './draft-saver';
import { FieldRenderer } from './field-renderer';
import { FormErrorSummary, type SummaryItem } from './form-error-summary';
import { type FormContext, type FormSpec, isVisible, stepFieldNames, stepOfField } from './form-spec';
import { serverIssuesOnOpen } from './server-issues';
import { StepHeading } from './step-heading';
import { parseStepLocation, type StepLocation, stepSearch } from './step-location';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string };

type Mode = 'loading' | 'draft' | 'amend' | 'locked' | 'missing';

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

const failure = (error: unknown): SaveState => ({
  kind: 'failed',
  message: isQuotaError(error) ? t('damage.storageFull') : t('damage.saveFailed'),
});

const GENERIC_MESSAGES = new Set([
  'name.required',
  'name.letters',
  'name.tooLong',
  'date.required',
  'date.format',
]);

function fieldLabelOf(spec: FormSpec, path: string): string | undefined {
  for (const step of spec.steps)
    for (const field of step.fields) if (field.name === path) return t(field.label);
  return undefined;
}

/** No `?step=` in the address: -1, resolved once we know whether this is a draft or a change. */
const UNSET = -1;

export interface FormPageProps {
  readonly spec: FormSpec;
  readonly recordId?: string | undefined;
  /** Answers to start a new form with (the benefit application reuses the IDP registration). */
  readonly prefill?: () => Promise<Record<string, FieldValue> | null>;
  readonly prefillNote?: MessageKey;
}

/**
 * The multi-step form engine: one topic per step, the step in the address bar, every change autosaved,
 * "Next" checks only the step, "Back" never checks and never loses anything, then "Check your answers"
 * and submit. A submitted record opens on the check page and its changes are sent together.
 */
export function FormPage({ spec, recordId, prefill, prefillNote }: FormPageProps) {
  const stepCount = spec.steps.length;
  const [mode, setMode] = useState<Mode>('loading');
  const [data, setData] = useState<Record<string, FieldValue>>({});
  const [original, setOriginal] = useState<FieldMap>({});
  const [issues, setIssues] = useState<readonly ValidationIssue[]>([]);
  // What the server refused (a record in 'attention'): each shown on its own step until that step passes.
  const [serverIssues, setServerIssues] = useState<readonly ValidationIssue[]>([]);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const [where, setWhere] = useState<StepLocation>(() =>
    parseStepLocation(location.search, stepCount, UNSET),
  );

  const [saver] = useState(
    () =>
      new DraftSaver(
        spec.service,
        recordId,
        (id, isNew) => {
          setSaveState({ kind: 'saved', at: new Date().toISOString() });
          if (!isNew) return;
          // The address bar now points at the draft (keeping the step), so a reload or a killed tab comes
          // back to it; the app keeps this form mounted for the new address.
          adoptedDrafts.add(id);
          const path = formPath(spec.service, id);
          history.replaceState(null, '', `${path}${location.search}`);
          currentPath.value = path;
        },
        (error) => setSaveState(failure(error)),
      ),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per record; the saver adopts new ids itself.
  useEffect(() => {
    if (recordId && recordId === saver.id && mode !== 'loading') return;
    let current = true;
    if (!recordId) {
      void (prefill?.() ?? Promise.resolve(null)).then((fields) => {
        if (!current) return;
        if (fields) {
          setData(fields);
          if (prefillNote) setNotice(prefillNote);
        }
        setMode('draft');
      });
    } else {
      void dataBridge()
        .getRecord(recordId)
        .then((record) => {
          if (!current) return;
          if (!record || record.service !== spec.service) return setMode('missing');
          const submitted = record.state !== 'draft' && !(record.state === 'attention' && !record.server);
          setData(record.data);
          setOriginal(record.data);
          if (submitted && record.server && FINAL_STATUSES.includes(record.server.status)) setMode('locked');
          else setMode(submitted ? 'amend' : 'draft');
          // A record the server refused comes back with the reasons shown at once, on the first step
          // that holds one of the refused fields (unless the address already names a step).
          const refused = serverIssuesOnOpen(spec, record, UNSET);
          setServerIssues(refused.issues);
          if (refused.startStep !== UNSET)
            setWhere((where) =>
              where.index === UNSET ? { index: refused.startStep, fromCheck: false } : where,
            );
        });
    }
    return () => {
      current = false;
    };
  }, [recordId]);

  useEffect(() => {
    const onPop = () => setWhere(parseStepLocation(location.search, stepCount, UNSET));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [stepCount]);

  // Leaving the page must not drop the last keystrokes still waiting for the debounce.
  useEffect(() => () => void saver.flush(), [saver]);

  // Submitting opens the application page; fetched now, it is drawn the moment the record is saved.
  useEffect(() => preloadLazyPage('application'), []);

  if (mode === 'loading') return <p role="status">{t('damage.loading')}</p>;
  if (mode === 'missing') return <p>{t('record.notFound')}</p>;
  if (mode === 'locked') {
    return (
      <>
        <PageHeading>{t(spec.title)}</PageHeading>
        <p>{t('form.notEditable')}</p>
        {recordId && <a href={paths.application(recordId)}>{t('applications.open')}</a>}
      </>
    );
  }

  const amending = mode === 'amend';
  const index = where.index === UNSET ? (amending ? stepCount : 0) : where.index;
  const onCheckPage = index >= stepCount;
  const step = onCheckPage ? undefined : spec.steps[index];

  const update = (changes: Record<string, FieldValue>) => {
    const next = { ...data, ...changes };
    setData(next);
    setNotice((note) => (note === 'edit.nothing' ? null : note));
    if (amending) return;
    setSaveState({ kind: 'saving' });
    saver.schedule(next);
  };

  const goTo = (target: number, options: { fromCheck?: boolean; keepIssues?: boolean } = {}) => {
    const next: StepLocation = { index: target, fromCheck: options.fromCheck === true && target < stepCount };
    history.pushState(null, '', `${location.pathname}${stepSearch(next)}`);
    setWhere(next);
    if (!options.keepIssues) setIssues([]);
  };

  const next = (event: Event) => {
    event.preventDefault();
    if (!step) return;
    const found = checkFields(spec.service, data, stepFieldNames(step, data));
    if (found.length > 0) return setIssues(found);
    setServerIssues((refused) => refused.filter((issue) => stepOfField(spec, issue.field) !== index));
    goTo(where.fromCheck ? stepCount : index + 1);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      if (amending && recordId) {
        const check = checkSubmission(spec.service, data);
        if (!check.ok) return setIssues(check.issues);
        const changes = changedValues(original, data);
        if (Object.keys(changes).length === 0) return setNotice('edit.nothing');
        await dataBridge().edit(recordId, changes);
        void requestBackgroundSync();
        navigate(paths.application(recordId), { replace: true });
        return;
      }
      saver.schedule(data);
      await saver.flush();
      const id = saver.id;
      if (!id) return;
      const outcome = await dataBridge().submit(id);
      if (!outcome.ok) return setIssues(outcome.issues);
      void requestBackgroundSync();
      navigate(paths.application(id), { replace: true });
    } catch (error) {
      setSaveState(failure(error));
    } finally {
      setBusy(false);
    }
  };

  // Messages by field path, and the summary's links: to the field on a step, to the step on the check page.
  const errors: Record<string, string> = {};
  const items: SummaryItem[] = [];
  const shown = [
    ...issues,
    ...serverIssues.filter(
      (refused) =>
        (onCheckPage || stepOfField(spec, refused.field) === index) &&
        !issues.some((issue) => issue.field === refused.field),
    ),
  ];
  for (const issue of shown) {
    const message = tReason(issue.message);
    errors[issue.field] ??= message;
    const [collection, childId] = issue.field.split('/');
    const rowNumber = childId
      ? Object.keys(data)
          .filter(
            (path) => path.startsWith(`${collection}/`) && path.endsWith('/_exists') && data[path] === true,
          )
          .findIndex((path) => path.startsWith(`${collection}/${childId}/`)) + 1
      : 0;
    // Messages shared by several fields («Заповніть це поле») name the field in the summary.
    const label = GENERIC_MESSAGES.has(issue.message) ? fieldLabelOf(spec, issue.field) : undefined;
    const named = label ? t('form.fieldProblem', { label, message }) : message;
    const text = childId ? t('household.rowProblem', { n: rowNumber || '?', message }) : named;
    const issueStep = stepOfField(spec, issue.field);
    items.push({
      key: `${issue.field}:${issue.message}`,
      message: text,
      target:
        onCheckPage && issueStep >= 0
          ? {
              step: issueStep,
              href: `${location.pathname}${stepSearch({ index: issueStep, fromCheck: true })}`,
            }
          : { elementId: childId ? memberAnchorId(collection ?? '', childId) : `field-${issue.field}` },
    });
  }

  const context: FormContext = {
    service: spec.service,
    recordId: saver.id ?? recordId,
    fields: data,
    amending,
    errors,
    update,
    ensureRecordId: async () => {
      if (amending) return recordId;
      saver.schedule(data);
      await saver.flush();
      return saver.id;
    },
  };

  const caption = t(amending ? spec.editTitle : spec.title);
  const backTarget = where.fromCheck ? stepCount : index - 1;

  return (
    <div class="form-page" data-testid={`form-${spec.service}`}>
      {backTarget >= 0 && (
        <a
          class="back-link"
          href={`${location.pathname}${stepSearch({ index: backTarget, fromCheck: false })}`}
          onClick={(event) => {
            event.preventDefault();
            goTo(backTarget);
          }}
        >
          {t('form.back')}
        </a>
      )}
      <StepHeading
        caption={caption}
        title={step ? t(step.title) : t('form.checkTitle')}
        number={index + 1}
        total={stepCount + 1}
      />
      {notice && notice !== 'edit.nothing' && (
        <p class="notice" data-testid="form-notice">
          {t(notice)}
        </p>
      )}
      <FormErrorSummary
        items={items}
        onOpenStep={(target) => goTo(target, { fromCheck: true, keepIssues: true })}
      />
      {step ? (
        <form onSubmit={next} noValidate data-testid={`step-${step.id}`}>
          {step.intro && <p>{t(step.intro)}</p>}
          {step.fields
            .filter((field) => isVisible(field, data))
            .map((field) => (
              <FieldRenderer
                key={field.name}
                field={field}
                fields={data}
                errors={errors}
                onChange={update}
                context={context}
              />
            ))}
          <SaveLine state={saveState} amending={amending} />
          <div class="actions">
            <button type="submit" class="button">
              {t('form.next')}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={submit} noValidate data-testid="step-check">
          <p>{amending ? t('edit.intro') : t('form.checkIntro')}</p>
          {spec.checkPageExtra?.(data)}
          <CheckAnswers
            spec={spec}
            fields={data}
            changeHref={(target) => `${location.pathname}${stepSearch({ index: target, fromCheck: true })}`}
            onChange={(target) => goTo(target, { fromCheck: true })}
          />
          {notice === 'edit.nothing' && (
            <p class="notice" role="status">
              {t('edit.nothing')}
            </p>
          )}
          <SaveLine state={saveState} amending={amending} />
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {amending ? t('edit.save') : t(spec.submitLabel)}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function SaveLine({ state, amending }: { state: SaveState; amending: boolean }) {
  return (
    <p class="save-state" role="status" data-testid="save-state">
      {amending && state.kind === 'idle' && t('form.amendHint')}
      {state.kind === 'saving' && t('damage.saving')}
      {state.kind === 'saved' && t('damage.saved', { time: formatTime(state.at) })}
      {state.kind === 'failed' && <strong class="field__error">{state.message}</strong>}
    </p>
  );
}
