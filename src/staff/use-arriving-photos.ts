import { useEffect, useState } from 'preact/hooks';
import { type StaffPhoto, type StaffPhotoList, staffFetch } from './staff-api';

/**
 * How often the photo list is asked for again while photos are on their way: about as often as a
 * person waiting would press "reload", which keeps an open tab's load on the server slight.
 */
export const PHOTO_REFRESH_MS = 15_000;

/**
 * A record's photos, kept current while some have not arrived: the record's photo list (not the
 * whole record, whose every read is audited) is fetched every PHOTO_REFRESH_MS, while the tab is
 * visible, until every photo is there or the page closes.
 *
 * Only the photos change: replacing the whole record under the caseworker would move the base of a
 * correction they are typing, hiding the citizen's change it should conflict with. A newer `loaded`
 * (the page fetched the record itself) wins over what was polled.
 */
export function useArrivingPhotos(recordId: string, loaded: readonly StaffPhoto[]): readonly StaffPhoto[] {
  const [polled, setPolled] = useState<{
    readonly basis: readonly StaffPhoto[];
    readonly photos: readonly StaffPhoto[];
  } | null>(null);
  const photos = polled !== null && polled.basis === loaded ? polled.photos : loaded;
  const waiting = photos.some((photo) => !photo.arrived);

  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const list = await staffFetch<StaffPhotoList>(`/api/staff/records/${recordId}/photos`);
          if (!stopped) setPolled({ basis: loaded, photos: list.photos });
        } catch {
          // A dropped link or a busy server: what is shown stays true, and the next round asks again.
        }
      }
      // Scheduled after the answer, never on a fixed beat, so a slow link never has two asks in flight.
      if (!stopped) timer = setTimeout(refresh, PHOTO_REFRESH_MS);
    };
    timer = setTimeout(refresh, PHOTO_REFRESH_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [recordId, loaded, waiting]);

  return photos;
}
