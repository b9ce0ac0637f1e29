import { useEffect, useMemo, useState } from 'preact/hooks';
import { FINAL_STATUSES, OBLASTS, PROPERTY_TYPES } from '../../../shared/domain';
import type { FieldValue } from '../../../shared/record';
import { dataBridge } from '../../data-bridge';
import { formatTime } from '../../i18n/format-date-time';
import { language, t, tReason } from '../../i18n/translate';
import { requestBackgroundSync } from '../../pwa/service-worker-registration';
import { navigate } from '../../router/router';
import { paths } from '../../router/routes';
import { ErrorSummary, type FieldError } from '../../ui/error-summary';
import { PageHeading } from '../../ui/page-heading';
import { RadioGroup } from '../../ui/radio-group';
import { SelectField } from '../../ui/select-field';
import { TextAreaField } from '../../ui/text-area-field';
import { PhotoPicker } from '../photos/photo-picker';
import { DraftSaver } from './draft-saver';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; message: string };

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

export function DamageReportPage({ recordId }: { recordId?: string }) {
  const [data, setData] = useState<Record<string, FieldValue> | null>(recordId ? null : {});
  const [locked, setLocked] = useState(false);
  // A submitted record is amended: changes are collected here and sent as one merge on "Save changes".
  const [amending, setAmending] = useState(false);
  const [missing, setMissing] = useState(false);
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [submitting, setSubmitting] = useState(false);

  const saver = useMemo(
    () =>
      new DraftSaver(
        recordId,
        (id, isNew) => {
          setSaveState({ kind: 'saved', at: new Date().toISOString() });
          // The address bar now points at the draft, so a reload or a killed tab comes back to it.
          if (isNew) history.replaceState(null, '', paths.damageReportEdit(id));
        },
        (error) =>
          setSaveState({
            kind: 'failed',
            message: isQuotaError(error) ? t('damage.storageFull') : t('damage.saveFailed'),
          }),
      ),
    [recordId],
  );

  useEffect(() => {
    if (!recordId) return;
    void dataBridge()
      .getRecord(recordId)
      .then((record) => {
        if (!record) return setMissing(true);
        const submitted = record.state !== 'draft' && !(record.state === 'attention' && !record.server);
        if (submitted && record.server && FINAL_STATUSES.includes(record.server.status)) setLocked(true);
        else if (submitted) setAmending(true);
        setData(record.data);
      });
  }, [recordId]);

  // Leaving the page must not drop the last keystrokes still waiting for the debounce.
  useEffect(() => () => void saver.flush(), [saver]);

  if (missing) return <p>{t('record.notFound')}</p>;
  if (data === null) return <p role="status">{t('damage.loading')}</p>;
  if (locked) {
    return (
      <>
        <PageHeading>{t('damage.title')}</PageHeading>
        <p>{t('damage.notEditable')}</p>
        {recordId && <a href={paths.application(recordId)}>{t('applications.open')}</a>}
      </>
    );
  }

  const update = (field: string, value: string) => {
    const next = { ...data, [field]: value };
    setData(next);
    if (amending) return;
    setSaveState({ kind: 'saving' });
    saver.schedule(next);
  };

  const text = (field: string) => {
    const value = data[field];
    return typeof value === 'string' ? value : undefined;
  };

  const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    try {
      if (amending && recordId) {
        await dataBridge().edit(recordId, {
          propertyType: text('propertyType') ?? null,
          oblast: text('oblast') ?? null,
          description: text('description') ?? null,
        });
        void requestBackgroundSync();
        navigate(paths.application(recordId), { replace: true });
        return;
      }
      saver.schedule(data);
      await saver.flush();
      const id = saver.id;
      if (!id) return;
      const outcome = await dataBridge().submit(id);
      if (!outcome.ok) {
        setErrors(
          outcome.issues.map((issue) => ({
            field: issue.field,
            message: tReason(issue.message),
          })),
        );
        return;
      }
      void requestBackgroundSync();
      navigate(paths.application(id), { replace: true });
    } catch (error) {
      setSaveState({
        kind: 'failed',
        message: isQuotaError(error) ? t('damage.storageFull') : t('damage.saveFailed'),
      });
    } finally {
      setSubmitting(false);
    }
  };

  const lang = language.value;
  const oblastOptions = OBLASTS.map((oblast) => ({ value: oblast.code, label: oblast[lang] }));
  const typeOptions = PROPERTY_TYPES.map((type) => ({ value: type, label: t(`propertyType.${type}`) }));

  return (
    <>
      <PageHeading>{amending ? t('edit.title') : t('damage.title')}</PageHeading>
      <p>{amending ? t('edit.intro') : t('damage.intro')}</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <RadioGroup
          name="propertyType"
          legend={t('damage.propertyType')}
          options={typeOptions}
          value={text('propertyType')}
          error={fieldError('propertyType')}
          onChange={(value) => update('propertyType', value)}
        />
        <SelectField
          name="oblast"
          label={t('damage.oblast')}
          placeholder={t('damage.oblast.choose')}
          options={oblastOptions}
          value={text('oblast')}
          error={fieldError('oblast')}
          onChange={(value) => update('oblast', value)}
        />
        <TextAreaField
          name="description"
          label={t('damage.description')}
          hint={t('damage.description.hint')}
          value={text('description')}
          error={fieldError('description')}
          onInput={(value) => update('description', value)}
        />
        {!amending && <PhotoPicker recordId={saver.id} />}
        <p class="save-state" role="status" data-testid="save-state">
          {saveState.kind === 'saving' && t('damage.saving')}
          {saveState.kind === 'saved' && t('damage.saved', { time: formatTime(saveState.at) })}
          {saveState.kind === 'failed' && <strong class="field__error">{saveState.message}</strong>}
        </p>
        <button type="submit" class="button" disabled={submitting}>
          {amending ? t('edit.save') : t('damage.submit')}
        </button>
      </form>
    </>
  );
}
