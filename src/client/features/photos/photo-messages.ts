// The picker's own strings, kept beside it (and out of the shared catalogues) so they load with the
// picker's chunk rather than with the first page.
const uk = {
  heading: 'Фото пошкоджень',
  hint: 'До 10 фото. Телефон зменшує кожне фото і прибирає з нього приховані дані, зокрема місце зйомки.',
  needDraft: 'Спочатку почніть заповнювати повідомлення',
  take: 'Сфотографувати',
  choose: 'Вибрати фото',
  list: 'Додані фото',
  photo: 'Фото {n}',
  remove: 'Видалити фото {n}',
  progress: 'Стискаємо фото {n} з {total}…',
  saved: 'Збережено на телефоні фото: {n}.',
  duplicate: 'Це фото вже додано.',
  removed: 'Фото {n} видалено.',
  file: 'Файл {n}: {message}',
  'photo.unreadable': 'Не вдалося відкрити файл як фото. Виберіть фото у форматі JPEG або PNG.',
  'photo.tooLarge': 'Файл завеликий (понад 30 МБ). Виберіть інше фото.',
  'photo.tooMany': 'Можна додати не більше 10 фото.',
  'photo.recordNotDraft': 'До вже надісланого повідомлення фото поки що додати не можна.',
  'photo.recordNotFound': 'Повідомлення не знайдено на телефоні.',
  storageFull: 'На телефоні закінчилося місце. Звільніть місце і спробуйте ще раз.',
  failed: 'Не вдалося зберегти фото. Спробуйте ще раз.',
};

export type PhotoMessageKey = keyof typeof uk;

const en: Record<PhotoMessageKey, string> = {
  heading: 'Photos of the damage',
  hint: 'Up to 10 photos. The phone makes each photo smaller and removes hidden data from it, including where it was taken.',
  needDraft: 'Start filling in the report first',
  take: 'Take a photo',
  choose: 'Choose photos',
  list: 'Attached photos',
  photo: 'Photo {n}',
  remove: 'Remove photo {n}',
  progress: 'Shrinking photo {n} of {total}…',
  saved: 'Photos saved on the phone: {n}.',
  duplicate: 'This photo is already attached.',
  removed: 'Photo {n} removed.',
  file: 'File {n}: {message}',
  'photo.unreadable': 'The file could not be opened as a photo. Choose a JPEG or PNG photo.',
  'photo.tooLarge': 'The file is too large (over 30 MB). Choose another photo.',
  'photo.tooMany': 'You can attach up to 10 photos.',
  'photo.recordNotDraft': 'Photos cannot be added to a report that was already sent yet.',
  'photo.recordNotFound': 'The report was not found on this phone.',
  storageFull: 'The phone is out of storage. Free some space and try again.',
  failed: 'The photo could not be saved. Please try again.',
};

export const photoMessages: { uk: Record<PhotoMessageKey, string>; en: Record<PhotoMessageKey, string> } = {
  uk,
  en,
};

export function isPhotoMessageKey(key: string): key is PhotoMessageKey {
  return key in uk;
}

export function fillMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
