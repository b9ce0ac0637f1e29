import { describe, expect, it } from 'vitest';
import { fillMessage, photoMessages } from '../../../src/client/features/photos/photo-messages';
import {
  createPhotoPickerModel,
  type PhotoNotice,
  type PhotoService,
} from '../../../src/client/features/photos/photo-picker-model';
import type { PhotoSummary } from '../../../src/local/photos/photo-entry';
import type { AttachedPhoto } from '../../../src/worker/data-api';

const RECORD = '6f1c2a4e-0000-4000-8000-000000000001';

/** An in-memory stand-in for the data worker: files are Blobs whose text says what the worker answers. */
function fakeService() {
  const stored: PhotoSummary[] = [];
  const calls: string[] = [];
  const service: PhotoService = {
    async addPhoto(recordId, file): Promise<AttachedPhoto> {
      const text = await file.text();
      calls.push(`add ${recordId} ${text}`);
      if (text.startsWith('photo.')) throw new Error(text);
      const existing = stored.find((photo) => photo.sha256 === text);
      const photo = existing ?? {
        photoId: crypto.randomUUID(),
        sha256: text,
        width: 1600,
        height: 1200,
        bytes: 1000,
        takenAt: '2025-05-16T08:00:00.000Z',
        thumbnail: new Blob([text]),
      };
      if (!existing) stored.push(photo);
      const { photoId, sha256, width, height, bytes } = photo;
      return { photoId, sha256, width, height, bytes, duplicate: Boolean(existing), shrinkMs: 1 };
    },
    async removePhoto(recordId, photoId) {
      calls.push(`remove ${recordId} ${photoId}`);
      stored.splice(
        stored.findIndex((photo) => photo.photoId === photoId),
        1,
      );
    },
    async listPhotos() {
      return [...stored];
    },
  };
  return { service, stored, calls };
}

function texts(notices: readonly PhotoNotice[]): string[] {
  const uk = photoMessages.uk;
  return notices.map((notice) => {
    const text = fillMessage(uk[notice.key], notice.params);
    return notice.file ? fillMessage(uk.file, { n: notice.file, message: text }) : text;
  });
}

const files = (...contents: string[]) => contents.map((content) => new Blob([content]));

describe('photo picker model', () => {
  it('sends files one at a time, announcing progress, then the outcome', async () => {
    const { service, calls } = fakeService();
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    const heard: string[] = [];
    const stop = model.notices.subscribe((notices) => heard.push(...texts(notices)));
    await model.addFiles(files('a', 'b', 'c'));
    stop();
    expect(calls).toEqual([`add ${RECORD} a`, `add ${RECORD} b`, `add ${RECORD} c`]);
    expect(heard).toEqual([
      'Стискаємо фото 1 з 3…',
      'Стискаємо фото 2 з 3…',
      'Стискаємо фото 3 з 3…',
      'Збережено на телефоні фото: 3.',
    ]);
    expect(model.photos.value.map((photo) => photo.sha256)).toEqual(['a', 'b', 'c']);
    expect(model.busy.value).toBe(false);
  });

  it('names the file that could not be read and goes on with the others', async () => {
    const { service } = fakeService();
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    await model.addFiles(files('a', 'photo.unreadable', 'c'));
    expect(texts(model.notices.value)).toEqual([
      'Збережено на телефоні фото: 2.',
      'Файл 2: Не вдалося відкрити файл як фото. Виберіть фото у форматі JPEG або PNG.',
    ]);
    expect(model.notices.value[1]?.error).toBe(true);
  });

  it('stops at the limit and says so once', async () => {
    const { service, calls } = fakeService();
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    await model.addFiles(files('a', 'photo.tooMany', 'c'));
    expect(calls).toHaveLength(2);
    expect(texts(model.notices.value)).toEqual([
      'Збережено на телефоні фото: 1.',
      'Можна додати не більше 10 фото.',
    ]);
  });

  it('says a photo is already attached instead of adding it twice', async () => {
    const { service } = fakeService();
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    await model.addFiles(files('a'));
    await model.addFiles(files('a'));
    expect(texts(model.notices.value)).toEqual(['Це фото вже додано.']);
    expect(model.photos.value).toHaveLength(1);
  });

  it('translates unknown failures into a plain message, never a raw code', async () => {
    const { service } = fakeService();
    service.addPhoto = async () => {
      throw Object.assign(new Error('Transaction aborted'), { name: 'QuotaExceededError' });
    };
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    await model.addFiles(files('a', 'b'));
    expect(texts(model.notices.value)).toEqual([
      'На телефоні закінчилося місце. Звільніть місце і спробуйте ще раз.',
    ]);
    service.addPhoto = async () => {
      throw new Error('something else');
    };
    await model.addFiles(files('a'));
    expect(texts(model.notices.value)).toEqual(['Не вдалося зберегти фото. Спробуйте ще раз.']);
  });

  it('announces which photo was removed', async () => {
    const { service, calls } = fakeService();
    const model = createPhotoPickerModel(service);
    model.setRecordId(RECORD);
    await model.addFiles(files('a', 'b'));
    await model.remove(model.photos.value[1]!.photoId);
    expect(calls.at(-1)).toMatch(new RegExp(`^remove ${RECORD} `));
    expect(texts(model.notices.value)).toEqual(['Фото 2 видалено.']);
    expect(model.photos.value.map((photo) => photo.sha256)).toEqual(['a']);
  });

  it('without a draft, asks for one; with ensureRecordId, creates it first', async () => {
    const { service, calls } = fakeService();
    const idle = createPhotoPickerModel(service);
    await idle.addFiles(files('a'));
    expect(texts(idle.notices.value)).toEqual(['Спочатку почніть заповнювати повідомлення']);
    expect(calls).toEqual([]);

    const eager = createPhotoPickerModel(service, async () => RECORD);
    await eager.addFiles(files('a'));
    expect(eager.recordId.value).toBe(RECORD);
    expect(calls).toEqual([`add ${RECORD} a`]);
    expect(eager.photos.value).toHaveLength(1);
  });

  it('has every string in both languages', () => {
    expect(Object.keys(photoMessages.en).sort()).toEqual(Object.keys(photoMessages.uk).sort());
  });
});
