import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_CHANNEL, type ChangeNotice } from '../../../src/local/database/change-notice';
import { type LocalDatabase, openLocalDatabase } from '../../../src/local/database/local-database';
import {
  addPhoto,
  checkCanAddPhoto,
  listPhotos,
  PHOTOS_PER_RECORD_MAX,
  PhotoError,
  removePhoto,
  type ShrunkPhoto,
} from '../../../src/local/photos';
import { deleteDraft } from '../../../src/local/records/delete-draft';
import { saveDraft } from '../../../src/local/records/save-draft';
import { childRows, type FieldValue } from '../../../src/shared/record';

const opened: LocalDatabase[] = [];

function freshDatabase(): LocalDatabase {
  const db = openLocalDatabase(`lastivka-photos-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** Stands in for the worker's shrink (Node has no OffscreenCanvas; the real one is covered in e2e). */
function fakeShrunk(seed: number): ShrunkPhoto {
  const bytes = new Uint8Array(100 + seed).fill(seed);
  return {
    sha256: seed.toString(16).padStart(64, '0'),
    width: 1600,
    height: 1200,
    bytes: bytes.byteLength,
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    thumbnail: new Blob([bytes.slice(0, 10)], { type: 'image/jpeg' }),
  };
}

async function draft(db: LocalDatabase, data: Record<string, FieldValue> = { description: 'Дах' }) {
  return saveDraft(db, { service: 'damageReport', data });
}

async function photoRows(db: LocalDatabase, recordId: string) {
  const record = await db.records.get(recordId);
  return childRows(record?.data ?? {}, 'photos');
}

async function expectPhotoError(work: Promise<unknown>, code: string): Promise<void> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PhotoError);
  expect((error as PhotoError).code).toBe(code);
  expect((error as PhotoError).message).toBe(code);
}

describe('addPhoto', () => {
  it('stores the bytes and writes the child row into the field map', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const takenAt = new Date('2025-05-16T07:30:00.000Z');
    const now = new Date('2025-05-16T08:00:00.000Z');
    const added = await addPhoto(db, record.id, fakeShrunk(1), { takenAt, now });

    expect(added).toEqual({
      photoId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sha256: fakeShrunk(1).sha256,
      width: 1600,
      height: 1200,
      bytes: 101,
      duplicate: false,
    });
    const stored = await db.photos.get(added.photoId);
    expect(stored?.recordId).toBe(record.id);
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(new Uint8Array(101).fill(1));
    expect(stored?.thumbnail.size).toBe(10);

    const saved = await db.records.get(record.id);
    const prefix = `photos/${added.photoId}`;
    expect(saved?.data).toEqual({
      description: 'Дах',
      [`${prefix}/_exists`]: true,
      [`${prefix}/sha256`]: fakeShrunk(1).sha256,
      [`${prefix}/width`]: 1600,
      [`${prefix}/height`]: 1200,
      [`${prefix}/bytes`]: 101,
      [`${prefix}/takenAt`]: '2025-05-16T07:30:00.000Z',
    });
    expect(saved?.updatedAt).toBe(now.toISOString());
  });

  it('writes nothing when the record cannot be written: bytes and row go together or not at all', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    db.records.hook('updating', () => {
      throw new Error('disk full');
    });
    await expect(addPhoto(db, record.id, fakeShrunk(1))).rejects.toThrow('disk full');
    expect(await db.photos.count()).toBe(0);
    expect(await photoRows(db, record.id)).toEqual([]);
  });

  it('keeps the same bytes once per record and answers with the first photo id', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const first = await addPhoto(db, record.id, fakeShrunk(1));
    const second = await addPhoto(db, record.id, fakeShrunk(1));
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await db.photos.count()).toBe(1);
    expect(await photoRows(db, record.id)).toHaveLength(1);

    // Another report gets its own copy: removing it from one must not take it from the other.
    const other = await draft(db);
    const elsewhere = await addPhoto(db, other.id, fakeShrunk(1));
    expect(elsewhere.duplicate).toBe(false);
    expect(elsewhere.photoId).not.toBe(first.photoId);
    expect(await db.photos.count()).toBe(2);
  });

  it('refuses photos for a submitted record and for one that does not exist', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    await db.records.update(record.id, { state: 'queued' });
    await expectPhotoError(addPhoto(db, record.id, fakeShrunk(1)), 'photo.recordNotDraft');
    await expectPhotoError(checkCanAddPhoto(db, record.id), 'photo.recordNotDraft');
    await expectPhotoError(addPhoto(db, crypto.randomUUID(), fakeShrunk(1)), 'photo.recordNotFound');
    expect(await db.photos.count()).toBe(0);
  });

  it('accepts photos on a submission the server refused before storing it (edited like a draft)', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    await db.records.update(record.id, { state: 'attention' });
    expect((await addPhoto(db, record.id, fakeShrunk(1))).duplicate).toBe(false);
  });

  it(`allows at most ${PHOTOS_PER_RECORD_MAX} photos per record`, async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const ids: string[] = [];
    for (let seed = 1; seed <= PHOTOS_PER_RECORD_MAX; seed++) {
      ids.push((await addPhoto(db, record.id, fakeShrunk(seed))).photoId);
    }
    await expectPhotoError(addPhoto(db, record.id, fakeShrunk(99)), 'photo.tooMany');
    await expectPhotoError(checkCanAddPhoto(db, record.id), 'photo.tooMany');
    expect(await db.photos.count()).toBe(PHOTOS_PER_RECORD_MAX);
    expect(await photoRows(db, record.id)).toHaveLength(PHOTOS_PER_RECORD_MAX);

    await removePhoto(db, record.id, ids[0]!);
    await checkCanAddPhoto(db, record.id);
    expect((await addPhoto(db, record.id, fakeShrunk(99))).duplicate).toBe(false);
  });

  it('tells other contexts the record changed', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const channel = new BroadcastChannel(CHANGE_CHANNEL);
    const heard = new Promise<ChangeNotice>((resolve) => {
      channel.onmessage = (event: MessageEvent<ChangeNotice>) => resolve(event.data);
    });
    await addPhoto(db, record.id, fakeShrunk(1));
    expect(await heard).toEqual({ type: 'records-changed' });
    channel.close();
  });
});

describe('removePhoto', () => {
  it('marks the row removed and deletes the bytes in one transaction', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const kept = await addPhoto(db, record.id, fakeShrunk(1));
    const gone = await addPhoto(db, record.id, fakeShrunk(2));
    await removePhoto(db, record.id, gone.photoId);

    expect(await db.photos.get(gone.photoId)).toBeUndefined();
    expect(await db.photos.get(kept.photoId)).toBeDefined();
    const data = (await db.records.get(record.id))?.data ?? {};
    // A tombstone, like every child row: the other fields stay so a merge still sees what was removed.
    expect(data[`photos/${gone.photoId}/_exists`]).toBe(false);
    expect(data[`photos/${gone.photoId}/sha256`]).toBe(gone.sha256);
    expect((await photoRows(db, record.id)).map((row) => row.id)).toEqual([kept.photoId]);

    await removePhoto(db, record.id, gone.photoId);
    expect(await db.photos.count()).toBe(1);
  });

  it('keeps both the bytes and the row when the record cannot be written', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const added = await addPhoto(db, record.id, fakeShrunk(1));
    db.records.hook('updating', () => {
      throw new Error('disk full');
    });
    await expect(removePhoto(db, record.id, added.photoId)).rejects.toThrow('disk full');
    expect(await db.photos.get(added.photoId)).toBeDefined();
    expect(await photoRows(db, record.id)).toHaveLength(1);
  });

  it('refuses to change photos of a submitted record', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const added = await addPhoto(db, record.id, fakeShrunk(1));
    await db.records.update(record.id, { state: 'delivered' });
    await expectPhotoError(removePhoto(db, record.id, added.photoId), 'photo.recordNotDraft');
    expect(await db.photos.count()).toBe(1);
  });

  it('does not remove another record’s photo', async () => {
    const db = freshDatabase();
    const mine = await draft(db);
    const theirs = await draft(db);
    const added = await addPhoto(db, theirs.id, fakeShrunk(1));
    await removePhoto(db, mine.id, added.photoId);
    expect(await db.photos.get(added.photoId)).toBeDefined();
    expect((await db.records.get(mine.id))?.data).toEqual({ description: 'Дах' });
  });
});

describe('listPhotos', () => {
  it('lists metadata and thumbnails in attach order, without the full-size bytes', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const now = new Date('2025-05-16T08:00:00.000Z');
    const ids: string[] = [];
    // The same attach time for all: the order comes from the record's rows, not the clock.
    for (const seed of [3, 1, 2])
      ids.push((await addPhoto(db, record.id, fakeShrunk(seed), { now })).photoId);
    const other = await draft(db);
    await addPhoto(db, other.id, fakeShrunk(4));

    const list = await listPhotos(db, record.id);
    expect(list.map((photo) => photo.photoId)).toEqual(ids);
    expect(list[0]).toEqual({
      photoId: ids[0],
      sha256: fakeShrunk(3).sha256,
      width: 1600,
      height: 1200,
      bytes: 103,
      takenAt: now.toISOString(),
      thumbnail: expect.any(Blob),
    });
    expect(Object.keys(list[0]!)).not.toContain('blob');
    expect(await listPhotos(db, crypto.randomUUID())).toEqual([]);
  });
});

describe('photos and page saves', () => {
  it('attaching the same photo again restores a row that a page save dropped', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const added = await addPhoto(db, record.id, fakeShrunk(1));
    await saveDraft(db, { id: record.id, service: 'damageReport', data: { description: 'Дах і вікна' } });
    const again = await addPhoto(db, record.id, fakeShrunk(1));
    expect(again).toMatchObject({ photoId: added.photoId, duplicate: true });
    expect((await photoRows(db, record.id)).map((row) => row.id)).toEqual([added.photoId]);
  });

  it('a page save that does not carry the photo rows keeps them', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const added = await addPhoto(db, record.id, fakeShrunk(1));
    await saveDraft(db, { id: record.id, service: 'damageReport', data: { description: 'Дах і вікна' } });
    expect((await photoRows(db, record.id)).map((row) => row.id)).toEqual([added.photoId]);
  });

  it('deleting a draft deletes its photos too', async () => {
    const db = freshDatabase();
    const record = await draft(db);
    const other = await draft(db);
    await addPhoto(db, record.id, fakeShrunk(1));
    await addPhoto(db, other.id, fakeShrunk(2));
    await deleteDraft(db, record.id);
    expect(await db.photos.where('recordId').equals(record.id).count()).toBe(0);
    expect(await db.photos.where('recordId').equals(other.id).count()).toBe(1);
  });
});
