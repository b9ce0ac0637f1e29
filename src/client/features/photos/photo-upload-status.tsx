import { get, set } from 'idb-keyval';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PhotoUploadPolicy } from '../../../local/photos/upload-policy';
import type { LocalRecord } from '../../../local/records/local-record';
import type { PhotoUploadState } from '../../../worker/data-api';
import { dataBridge } from '../../data-bridge';
import { t } from '../../i18n/translate';
import { kilobytes } from './kilobytes';
import { PhotoUploadItems } from './photo-upload-items';
import { PhotoUploadPause } from './photo-upload-pause';

const POLICY_KEY = 'photoUploadPolicy';

/**
 * «Фото: 2 з 5 надіслано» under a delivered record, each photo's progress, what is still to travel, a
 * pause, and the person's choice of link. The choice lives in the page (idb-keyval) and is handed to
 * the worker, which does the sending; the pause is kept in the profile's database, where the worker
 * reads it before any photo travels. The record's text is with the office whatever the photos do.
 */
export function PhotoUploadStatus({ record }: { record: LocalRecord }) {
  const [state, setState] = useState<PhotoUploadState | null>(null);
  const [policy, setPolicy] = useState<PhotoUploadPolicy>('any');

  useEffect(() => {
    void get<PhotoUploadPolicy>(POLICY_KEY)
      .then((stored) => {
        if (stored === 'any' || stored === 'wifiOnly') {
          setPolicy(stored);
          return dataBridge().setPhotoUploadPolicy(stored);
        }
      })
      .catch(() => undefined);
  }, []);

  // Asks overlap (a chunk's change notice, a pause just pressed) and the worker may answer them out of
  // order: only the latest ask's answer is drawn, so an older one never brings back a stale state.
  const asked = useRef(0);
  const load = useCallback(async (recordId: string) => {
    const ask = ++asked.current;
    const next = await dataBridge().photoUploadState(recordId);
    if (ask === asked.current) setState(next);
  }, []);

  // The record list changes with every upload answer (change notices), so the count follows it.
  useEffect(() => {
    void load(record.id);
    return () => {
      asked.current++;
    };
  }, [record, load]);

  if (state === null || state.total === 0) return null;
  const unsent = state.sent < state.total;

  const choose = (next: PhotoUploadPolicy) => {
    setPolicy(next);
    void set(POLICY_KEY, next).catch(() => undefined);
    void dataBridge().setPhotoUploadPolicy(next);
  };

  return (
    <section class="photo-upload" aria-labelledby="photo-upload-heading">
      <p id="photo-upload-heading" role="status" data-testid="photo-upload-progress">
        {t('photoUpload.progress', { sent: state.sent, total: state.total })}
      </p>
      <PhotoUploadItems items={state.items} />
      {unsent && (
        <>
          <p data-testid="photo-upload-pending">
            {t('photoUpload.pending', { kb: kilobytes(state.bytesPending) })}
            {record.acceptedAt && <> {t('photoUpload.textFirst')}</>}
          </p>
          <PhotoUploadPause paused={state.paused} onChanged={() => load(record.id)} />
          {!state.paused && state.gate === 'waitForWifi' && <p>{t('photoUpload.waitingForWifi')}</p>}
          {!state.paused && state.gate === 'askSaveData' && (
            <button type="button" class="button" onClick={() => void dataBridge().confirmPhotoUpload()}>
              {t('photoUpload.sendAnyway', { kb: kilobytes(state.bytesPending) })}
            </button>
          )}
          <fieldset class="choice">
            <legend>{t('photoUpload.policy')}</legend>
            <label>
              <input
                type="radio"
                name="photo-upload-policy"
                checked={policy === 'any'}
                onChange={() => choose('any')}
              />{' '}
              {t('photoUpload.policy.any')}
            </label>
            <label>
              <input
                type="radio"
                name="photo-upload-policy"
                checked={policy === 'wifiOnly'}
                onChange={() => choose('wifiOnly')}
              />{' '}
              {t('photoUpload.policy.wifiOnly')}
            </label>
          </fieldset>
        </>
      )}
    </section>
  );
}
