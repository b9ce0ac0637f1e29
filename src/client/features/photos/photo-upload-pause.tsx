import { useEffect, useRef } from 'preact/hooks';
import { dataBridge } from '../../data-bridge';
import { t } from '../../i18n/translate';

/**
 * «Призупинити надсилання фото» / «Продовжити надсилання фото». The worker keeps the choice in this
 * profile's database; `onChanged` reads the state back. The button for the new state replaces the
 * pressed one, so focus is handed to it, or a keyboard or screen-reader user would be dropped to the
 * top of the page.
 */
export function PhotoUploadPause({ paused, onChanged }: { paused: boolean; onChanged: () => Promise<void> }) {
  const button = useRef<HTMLButtonElement>(null);
  /** The state the person asked for: its button takes focus when it is drawn. */
  const focusWhenPaused = useRef<boolean | undefined>(undefined);
  // Not `disabled` while the worker answers: a disabled button loses focus.
  const busy = useRef(false);

  useEffect(() => {
    if (focusWhenPaused.current !== paused) return;
    focusWhenPaused.current = undefined;
    button.current?.focus();
  }, [paused]);

  const toggle = async () => {
    if (busy.current) return;
    busy.current = true;
    focusWhenPaused.current = !paused;
    try {
      await (paused ? dataBridge().resumePhotoUploads() : dataBridge().pausePhotoUploads());
      await onChanged();
    } finally {
      busy.current = false;
    }
  };

  if (!paused) {
    return (
      <button ref={button} type="button" class="button button--secondary" onClick={() => void toggle()}>
        {t('photoUpload.pause')}
      </button>
    );
  }
  return (
    <>
      <p id="photo-upload-paused" data-testid="photo-upload-paused">
        {t('photoUpload.paused')}
      </p>
      {/* Described by the notice: moving focus here tells a screen-reader user that sending stopped. */}
      <button
        ref={button}
        type="button"
        class="button"
        aria-describedby="photo-upload-paused"
        onClick={() => void toggle()}
      >
        {t('photoUpload.resume')}
      </button>
    </>
  );
}
