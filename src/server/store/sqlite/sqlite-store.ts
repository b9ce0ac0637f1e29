import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MutationResult, PullResponse, PushResponse, RecordChange } from '../../../shared/protocol';
import { appliedResult, existingRecordResult, outOfOrderResult, validateMutation } from '../mutation-outcome';
import { InvalidCursorError, type PushInput, type Store, type StoredRecord } from '../store';
import { migrate } from './migrations';

export const SQLITE_FILE_NAME = 'lastivka.sqlite';

interface RecordRow {
  record_id: string;
  client_id: string;
  service: string;
  reference: string;
  status: 'received';
  data: string;
  captured_at: string;
  accepted_at: string;
  updated_at: string;
}

interface ChangeRow extends RecordRow {
  seq: number;
}

export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    // WAL lets pulls read while a push writes; FULL syncs the WAL on every commit, because a
    // mutation we acknowledged is deleted from the phone and must survive a power cut here.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #statements;
  readonly #push: Database.Transaction<(request: PushInput, now: Date) => PushResponse>;

  constructor(db: Database.Database) {
    this.#db = db;
    const s = {
      ensureClient: db.prepare(
        'INSERT INTO clients (client_id, last_mutation_id) VALUES (?, 0) ON CONFLICT DO NOTHING',
      ),
      lastMutationId: db.prepare('SELECT last_mutation_id FROM clients WHERE client_id = ?').pluck(),
      setLastMutationId: db.prepare('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?'),
      storedResult: db
        .prepare('SELECT result FROM mutations WHERE client_id = ? AND mutation_id = ?')
        .pluck(),
      storeResult: db.prepare('INSERT INTO mutations (client_id, mutation_id, result) VALUES (?, ?, ?)'),
      insertRecord: db.prepare(
        `INSERT INTO records (record_id, client_id, service, reference, status, data, captured_at, accepted_at, updated_at)
         VALUES (@recordId, @clientId, @service, @reference, 'received', @data, @capturedAt, @now, @now)
         ON CONFLICT (record_id) DO NOTHING`,
      ),
      recordOwner: db.prepare(
        'SELECT client_id AS clientId, accepted_at AS acceptedAt FROM records WHERE record_id = ?',
      ),
      insertChange: db.prepare('INSERT INTO change_log (record_id, client_id, changed_at) VALUES (?, ?, ?)'),
      changesAfter: db.prepare(
        `SELECT c.seq, r.* FROM change_log c JOIN records r ON r.record_id = c.record_id
         WHERE c.client_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      ),
      countRecords: db.prepare('SELECT count(*) FROM records').pluck(),
      getRecord: db.prepare('SELECT * FROM records WHERE record_id = ?'),
      // Sync bookkeeping that SQL constraints cannot express: a client never has a stored result
      // beyond its last id, and every acknowledged record really exists.
      inconsistencies: db
        .prepare(
          `SELECT
           (SELECT count(*) FROM mutations m JOIN clients c USING (client_id) WHERE m.mutation_id > c.last_mutation_id)
         + (SELECT count(*) FROM mutations m
              WHERE json_extract(m.result, '$.status') = 'applied'
                AND NOT EXISTS (SELECT 1 FROM records r WHERE r.record_id = json_extract(m.result, '$.recordId')))`,
        )
        .pluck(),
    };
    this.#statements = s;

    this.#push = db.transaction((request: PushInput, now: Date): PushResponse => {
      const { clientId } = request;
      const nowIso = now.toISOString();
      s.ensureClient.run(clientId);
      let last = s.lastMutationId.get(clientId) as number;
      const results: MutationResult[] = [];
      for (const mutation of request.mutations) {
        if (mutation.id <= last) {
          const stored = s.storedResult.get(clientId, mutation.id) as string | undefined;
          results.push(
            stored === undefined ? outOfOrderResult(mutation) : (JSON.parse(stored) as MutationResult),
          );
          continue;
        }
        const validation = validateMutation(mutation);
        let result: MutationResult;
        if (!validation.ok) {
          result = validation.result;
        } else {
          const { record } = validation;
          const inserted = s.insertRecord.run({
            ...record,
            clientId,
            data: JSON.stringify(record.data),
            now: nowIso,
          });
          if (inserted.changes === 1) {
            s.insertChange.run(record.recordId, clientId, nowIso);
            result = appliedResult(mutation, nowIso);
          } else {
            const existing = s.recordOwner.get(record.recordId) as { clientId: string; acceptedAt: string };
            result = existingRecordResult(mutation, clientId, existing);
          }
        }
        s.storeResult.run(clientId, mutation.id, JSON.stringify(result));
        last = mutation.id;
        results.push(result);
      }
      s.setLastMutationId.run(last, clientId);
      return { results, lastMutationId: last };
    });
  }

  async applyPush(request: PushInput, now: Date): Promise<PushResponse> {
    // IMMEDIATE takes the write lock up front; a deferred transaction could read the client's last
    // id and then lose the race to upgrade to a writer against another process on the same file.
    return this.#push.immediate(request, now);
  }

  async pull(clientId: string, after: string, limit: number): Promise<PullResponse> {
    const from = parseCursor(after);
    const s = this.#statements;
    // One read transaction so the changes and the reported last mutation id come from one snapshot.
    return this.#db
      .transaction(() => {
        const rows = s.changesAfter.all(clientId, from, limit + 1) as ChangeRow[];
        const page = rows.slice(0, limit);
        const lastRow = page.at(-1);
        return {
          changes: page.map(toChange),
          cursor: lastRow === undefined ? after : String(lastRow.seq),
          hasMore: rows.length > limit,
          lastMutationId: (s.lastMutationId.get(clientId) as number | undefined) ?? 0,
        };
      })
      .deferred();
  }

  async countRecords(): Promise<number> {
    return this.#statements.countRecords.get() as number;
  }

  async getRecord(recordId: string): Promise<StoredRecord | undefined> {
    const row = this.#statements.getRecord.get(recordId) as RecordRow | undefined;
    return row === undefined ? undefined : toStoredRecord(row);
  }

  async integrityCheck(): Promise<void> {
    const integrity = this.#db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`SQLite integrity_check: ${String(integrity)}`);
    const foreignKeyProblems = this.#db.pragma('foreign_key_check') as unknown[];
    if (foreignKeyProblems.length > 0)
      throw new Error(`SQLite foreign_key_check: ${foreignKeyProblems.length} rows`);
    const inconsistent = this.#statements.inconsistencies.get() as number;
    if (inconsistent > 0) throw new Error(`Sync bookkeeping inconsistent in ${inconsistent} rows`);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function parseCursor(after: string): number {
  if (after === '') return 0;
  if (!/^\d{1,15}$/.test(after)) throw new InvalidCursorError();
  return Number(after);
}

function toChange(row: RecordRow): RecordChange {
  return {
    recordId: row.record_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
  };
}

function toStoredRecord(row: RecordRow): StoredRecord {
  return {
    recordId: row.record_id,
    clientId: row.client_id,
    service: row.service,
    reference: row.reference,
    status: row.status,
    data: JSON.parse(row.data) as Record<string, unknown>,
    capturedAt: row.captured_at,
    acceptedAt: row.accepted_at,
    updatedAt: row.updated_at,
  };
}
