import { useEffect, useMemo, useRef } from 'preact/hooks';
import { dataBridge } from '../../data-bridge';
import { language } from '../../i18n/translate';
import { fillMessage, type PhotoMessageKey, photoMessages } from './photo-messages';
import { createPhotoPickerModel, type PhotoNotice, type PhotoService } from './photo-picker-model';

export interface PhotoPickerProps {
  /** The draft's id; until the draft is first saved there is none and the picker says so. */
  readonly recordId: string | undefined;
  /**
   * Creates the draft on demand (the form engine's `ensureRecordId`). Without it, the picker asks the
   * person to start filling in the report first.
   */
  readonly ensureRecordId?: () => Promise<string | undefined>;
  readonly service?: PhotoService;
}

const THUMBNAIL_SIDE = 120;

/**
 * Attach photos to a draft. The page never touches pixels: each File goes to the data worker, which
 * shrinks it, strips its metadata and stores it (src/worker/photo/).
 */
export function PhotoPickerView({ recordId, ensureRecordId, service }: PhotoPickerProps) {
  const messages = photoMessages[language.value];
  const say = (key: PhotoMessageKey, params: Record<string, string | number> = {}) =>
    fillMessage(messages[key], params);
  const ensure = useRef(ensureRecordId);
  ensure.current = ensureRecordId;
  const model = useMemo(
    () => createPhotoPickerModel(service ?? dataBridge(), async () => ensure.current?.()),
    [service],
  );
  useEffect(() => model.setRecordId(recordId), [model, recordId]);

  const photos = model.photos.value;
  const urls = useMemo(() => photos.map((photo) => URL.createObjectURL(photo.thumbnail)), [photos]);
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url);
    },
    [urls],
  );

  const takeInput = useRef<HTMLInputElement>(null);
  const chooseInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const busy = model.busy.value;

  const picked = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Cleared so picking the same file again still reports a change.
    input.value = '';
    void model.addFiles(files);
  };
  // Buttons stay enabled (and focused) while busy: disabling would drop keyboard focus to the page.
  const open = (input: HTMLInputElement | null) => {
    if (!busy) input?.click();
  };
  const remove = async (photoId: string) => {
    await model.remove(photoId);
    chooseButton.current?.focus();
  };
  const noticeText = (notice: PhotoNotice) => {
    const text = say(notice.key, notice.params);
    return notice.file ? say('file', { n: notice.file, message: text }) : text;
  };
  const notices = model.notices.value;
  const errors = notices.filter((notice) => notice.error);

  return (
    <section class="field" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{messages.heading}</h2>
      <p class="field__hint">{messages.hint}</p>
      {!recordId && !ensureRecordId ? (
        <p>{messages.needDraft}</p>
      ) : (
        <>
          <input
            ref={takeInput}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            aria-label={messages.take}
            onChange={picked}
          />
          <input
            ref={chooseInput}
            type="file"
            accept="image/*"
            multiple
            hidden
            aria-label={messages.choose}
            onChange={picked}
          />
          <p style="display:flex;flex-wrap:wrap;gap:0.75rem">
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy || undefined}
              onClick={() => open(takeInput.current)}
            >
              {messages.take}
            </button>
            <button
              ref={chooseButton}
              type="button"
              class="button button--secondary"
              aria-disabled={busy || undefined}
              onClick={() => open(chooseInput.current)}
            >
              {messages.choose}
            </button>
          </p>
          <p role="status" data-testid="photo-status">
            {notices
              .filter((notice) => !notice.error)
              .map(noticeText)
              .join(' ')}
          </p>
          {errors.length > 0 && (
            <div role="alert" class="field__error">
              {errors.map((notice) => (
                <p key={noticeText(notice)}>{noticeText(notice)}</p>
              ))}
            </div>
          )}
          {photos.length > 0 && (
            <ul
              aria-label={messages.list}
              style="list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem"
            >
              {photos.map((photo, index) => {
                const scale = THUMBNAIL_SIDE / Math.max(photo.width, photo.height);
                return (
                  <li key={photo.photoId} data-testid="photo">
                    <img
                      src={urls[index]}
                      alt={say('photo', { n: index + 1 })}
                      width={Math.round(photo.width * scale)}
                      height={Math.round(photo.height * scale)}
                      style="display:block;margin-bottom:0.5rem"
                    />
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => void remove(photo.photoId)}
                    >
                      {say('remove', { n: index + 1 })}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
