import { get, set } from 'idb-keyval';
import { useEffect, useState } from 'preact/hooks';
import type { PhotoUploadPolicy } from '../../../local/photos/upload-policy';
import type { LocalRecord } from '../../../local/records/local-record';
import type { PhotoUploadState } from '../../../worker/data-api';
import { dataBridge } from '../../data-bridge';
import { t } from '../../i18n/translate';

const POLICY_KEY = 'photoUploadPolicy';

function kilobytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/**
 * «Фото: 2 з 5 надіслано» under a delivered record, with what is still to travel and the person's
 * choice of link. The choice lives in the page (idb-keyval) and is handed to the worker, which does
 * the sending; the record's text is already with the office whatever happens to the photos.
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

  // The record list changes with every upload answer (change notices), so the count follows it.
  useEffect(() => {
    let live = true;
    void dataBridge()
      .photoUploadState(record.id)
      .then((next) => {
        if (live) setState(next);
      });
    return () => {
      live = false;
    };
  }, [record]);

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
      {unsent && (
        <>
          <p data-testid="photo-upload-pending">
            {t('photoUpload.pending', { kb: kilobytes(state.bytesPending) })}
            {record.acceptedAt && <> {t('photoUpload.textFirst')}</>}
          </p>
          {state.gate === 'waitForWifi' && <p>{t('photoUpload.waitingForWifi')}</p>}
          {state.gate === 'askSaveData' && (
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
