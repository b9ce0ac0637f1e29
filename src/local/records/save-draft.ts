import { createReferenceNumber } from '../../shared/domain/reference-number';
import type { Service } from '../../shared/domain/services';
import type { FieldValue } from '../../shared/record';
import { announceChange } from '../database/change-notice';
import type { LocalDatabase } from '../database/local-database';
import type { LocalRecord } from './local-record';

export class RecordNotEditableError extends Error {
  constructor(readonly recordId: string) {
    super('record.notEditable');
    this.name = 'RecordNotEditableError';
  }
}

// Photos are attached by the worker (addPhoto), not typed into the form: a page save that does not
// carry their rows must not drop them.
const WORKER_OWNED_COLLECTIONS = ['photos/'];

function workerOwnedPaths(data: Record<string, FieldValue>): Record<string, FieldValue> {
  return Object.fromEntries(
    Object.entries(data).filter(([path]) =>
      WORKER_OWNED_COLLECTIONS.some((prefix) => path.startsWith(prefix)),
    ),
  );
}

/**
 * Keeps what the person typed. Called on every change (debounced by the page), so it never validates:
 * refusing a half-typed value would lose it.
 */
export async function saveDraft(
  db: LocalDatabase,
  input: { id?: string; service: Service; data: Record<string, FieldValue> },
  now = new Date(),
): Promise<LocalRecord> {
  const timestamp = now.toISOString();
  const record = await db.transaction('rw', db.records, async () => {
    const existing = input.id ? await db.records.get(input.id) : undefined;
    if (existing) {
      // Once the server has it, changes go through editRecord as mutations the server merges. A
      // submission the server refused was never stored there, so it is edited like a draft.
      if (existing.state !== 'draft' && !(existing.state === 'attention' && !existing.server)) {
        throw new RecordNotEditableError(existing.id);
      }
      const updated: LocalRecord = {
        ...existing,
        data: { ...input.data, ...workerOwnedPaths(existing.data) },
        updatedAt: timestamp,
      };
      await db.records.put(updated);
      return updated;
    }
    const created: LocalRecord = {
      id: input.id ?? crypto.randomUUID(),
      service: input.service,
      reference: createReferenceNumber((bytes) => crypto.getRandomValues(bytes)),
      state: 'draft',
      data: { ...input.data },
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    await db.records.add(created);
    return created;
  });
  announceChange({ type: 'records-changed' });
  return record;
}
