import type { PhotoUploadItem } from '../../../local/photos/upload-items';
import { t } from '../../i18n/translate';
import { kilobytes } from './kilobytes';

function itemText(item: PhotoUploadItem, n: number): string {
  if (item.state === 'sent') return t('photoUpload.item.sent', { n });
  if (item.state === 'refused') return t('photoUpload.item.refused', { n });
  if (item.state === 'queued') return t('photoUpload.item.queued', { n });
  // Sent part rounded down, so a photo never reads «131 з 131 КБ» before the server has all of it.
  return t('photoUpload.item.partial', {
    n,
    sent: Math.floor(item.uploadedBytes / 1024),
    total: kilobytes(item.bytes),
  });
}

/**
 * «Фото 2: 64 з 131 КБ», one line and bar per photo in attach order, redrawn after every chunk. Not a
 * live region: a screen reader hears the summary line above when a photo is done, not every 64 KB.
 */
export function PhotoUploadItems({ items }: { items: readonly PhotoUploadItem[] }) {
  return (
    <ul class="photo-upload__items" data-testid="photo-upload-items">
      {items.map((item, index) => {
        const labelId = `photo-upload-item-${item.photoId}`;
        return (
          <li key={item.photoId} class="photo-upload__item" data-testid="photo-upload-item">
            <span id={labelId}>{itemText(item, index + 1)}</span>
            <progress max={item.bytes} value={item.uploadedBytes} aria-labelledby={labelId} />
          </li>
        );
      })}
    </ul>
  );
}
