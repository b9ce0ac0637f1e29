import { type StaffPhoto, staffPhotoUrl } from '../staff-api';
import { useArrivingPhotos } from '../use-arriving-photos';

const two = (value: number) => String(value).padStart(2, '0');

/** «28.11.2026 14:05» in the caseworker's time zone (toLocaleString would add a comma). */
function takenAtText(iso: string): string {
  const at = new Date(iso);
  return `${two(at.getDate())}.${two(at.getMonth() + 1)}.${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

function photoName(position: number, total: number, photo: StaffPhoto): string {
  const name = `Фото ${position} з ${total}`;
  return photo.takenAt === undefined ? name : `${name}, зроблено ${takenAtText(photo.takenAt)}`;
}

function summary(photos: readonly StaffPhoto[]): string {
  if (photos.length === 0) return 'Фото немає.';
  const arrived = photos.filter((photo) => photo.arrived).length;
  return `Фото: ${arrived} з ${photos.length} надійшли`;
}

/**
 * A record's photos as they arrive: the record's text reaches the office first and its photos after,
 * so some may still be on their way. The count is the section's heading and a polite live region, so
 * a screen reader hears each arrival; an arrived photo opens full size in a new tab.
 */
export function RecordPhotos({ recordId, photos }: { recordId: string; photos: readonly StaffPhoto[] }) {
  const shown = useArrivingPhotos(recordId, photos);
  return (
    <section aria-labelledby="photos-summary">
      {/* Named by its live region outright: a heading's name skips the text of a status inside it. */}
      <h2 aria-labelledby="photos-summary">
        <span id="photos-summary" role="status" data-testid="staff-photo-summary">
          {summary(shown)}
        </span>
      </h2>
      {shown.length > 0 && (
        <ul class="photo-grid">
          {shown.map((photo, index) => (
            <li key={photo.id}>
              {photo.arrived ? (
                <a
                  class="photo-tile"
                  href={staffPhotoUrl(recordId, photo.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  <img
                    src={staffPhotoUrl(recordId, photo.id)}
                    alt={photoName(index + 1, shown.length, photo)}
                    decoding="async"
                    data-testid="staff-photo"
                  />
                  <span class="visually-hidden"> (відкриється в новій вкладці)</span>
                </a>
              ) : (
                <p class="photo-tile photo-pending" data-testid="staff-photo-pending">
                  {`Фото ${index + 1} ще надходить з телефона`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
