import { gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import type { SyncTransport } from '../../../src/local';
import {
  checkSubmission,
  FINAL_STATUSES,
  type RecordStatus,
  SERVICE_DEFINITIONS,
  type Service,
  toValidationIssues,
  type ValidationIssue,
} from '../../../src/shared/domain';
import {
  type FieldChange,
  type FieldPolicy,
  mayWrite,
  mergeFields,
  policyKey,
} from '../../../src/shared/merge';
import {
  type Amendment,
  CLIENT_ID_HEADER,
  type Mutation,
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  PushRequestSchema,
  type RecordChange,
  type ResolveConflictMutation,
  type SetFieldsMutation,
  type SubmitRecordMutation,
  type TimelineEvent,
  type WithdrawMutation,
} from '../../../src/shared/protocol';
import { type FieldMap, type FieldValue, sameValue } from '../../../src/shared/record';

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** Bytes as sent (gzip when content-encoding says so). */
  readonly rawBody?: Uint8Array;
  /** The decoded JSON body of a push. */
  readonly push?: PushRequest;
}

/**
 * What to do with the next request instead of answering normally:
 * - `network`: fetch rejects before the server sees anything;
 * - `dropResponse`: the server handles the request, then the answer is lost (fetch rejects);
 * - `respond`: answer with this response without touching the server state.
 */
export type Fault =
  | { readonly kind: 'network' }
  | { readonly kind: 'dropResponse' }
  | { readonly kind: 'respond'; readonly response: () => Response };

export interface StoredConflict {
  readonly conflictId: string;
  readonly path: string;
  readonly base: FieldValue;
  readonly server: FieldValue;
  readonly client: FieldValue;
  readonly createdAt: string;
  resolution: 'server' | 'client' | 'superseded' | null;
}

/** One record as the fake keeps it: a flat field map with a version, like the real stores. */
export interface StoredRecord {
  readonly recordId: string;
  readonly clientId: string;
  readonly service: Service;
  readonly reference: string;
  readonly capturedAt: string;
  readonly acceptedAt: string;
  updatedAt: string;
  status: RecordStatus;
  fields: Record<string, FieldValue>;
  /** Grows by one whenever `fields` change. */
  version: number;
  readonly conflicts: StoredConflict[];
  readonly amendments: Amendment[];
  readonly timeline: TimelineEvent[];
  /** Position in the change feed of the record's latest write. */
  seq: number;
}

/**
 * An in-memory stand-in for the sync API with the v2 server's semantics: strict envelope validation,
 * exactly-once per (client, mutation id) with replays answered by the stored result, submissions
 * checked with the shared `checkSubmission`, citizen edits merged with the shared `mergeFields`
 * (conflicts, amendments, ownership), conflict resolutions, withdrawals, and a paginated feed of
 * whole-record snapshots per client. `officeCorrect` / `officeSetStatus` play the caseworker.
 */
export class FakeSyncServer {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly records = new Map<string, StoredRecord>();
  /** Every mutation the server accepted, in order; a replay must never add to it. */
  readonly applied: Array<{ clientId: string; mutationId: number; recordId: string; type: string }> = [];
  /** The results of every push the server answered (including answers that were then lost). */
  readonly answers: MutationResult[][] = [];
  pullPageSize = 100;
  private readonly results = new Map<string, MutationResult>();
  private readonly lastMutationId = new Map<string, number>();
  private seq = 0;
  private ids = 0;
  private clockMs = Date.parse('2025-05-16T10:00:00.000Z');

  readonly transport: SyncTransport = {
    baseUrl: 'https://lastivka.test',
    fetch: ((input: string | URL | Request, init?: RequestInit) => this.handle(input, init)) as typeof fetch,
  };

  get pushes(): RecordedRequest[] {
    return this.requests.filter((request) => request.url.pathname === '/api/sync/push');
  }

  get pulls(): RecordedRequest[] {
    return this.requests.filter((request) => request.url.pathname === '/api/sync/pull');
  }

  /** The snapshot a pull would bring for this record now. */
  snapshot(recordId: string): RecordChange {
    const record = this.records.get(recordId);
    if (!record) throw new Error(`no record ${recordId} on the fake server`);
    return {
      recordId: record.recordId,
      service: record.service,
      reference: record.reference,
      status: record.status,
      version: record.version,
      fields: { ...record.fields },
      conflicts: record.conflicts
        .filter((conflict) => conflict.resolution === null)
        .map(({ conflictId, path, base, server, client, createdAt }) => ({
          conflictId,
          path,
          base,
          server,
          client,
          createdAt,
        })),
      amendments: record.amendments.map((amendment) => ({ ...amendment })),
      timeline: record.timeline.map((event) => ({ ...event })),
      acceptedAt: record.acceptedAt,
      updatedAt: record.updatedAt,
    };
  }

  /**
   * The office corrects fields (a caseworker edit from the current values), bumping the version.
   * Throws if the policy does not let the office write one of them, as the office API would refuse.
   */
  officeCorrect(recordId: string, values: Readonly<Record<string, FieldValue>>): RecordChange {
    const record = this.mustGet(recordId);
    const changes = Object.entries(values).map(([path, value]) => ({
      path,
      base: record.fields[path] ?? null,
      value,
    }));
    const merge = mergeFields({
      current: record.fields,
      changes,
      actor: 'caseworker',
      policy: this.policyOf(record),
      submitted: true,
    });
    if (merge.rejected.length > 0) throw new Error(`office may not write ${JSON.stringify(merge.rejected)}`);
    const changed = Object.keys(values).filter((path) => !sameValue(record.fields[path], merge.next[path]));
    if (changed.length === 0) return this.snapshot(recordId);
    const at = this.now();
    record.fields = merge.next;
    record.version++;
    for (const path of changed) record.timeline.push({ at, kind: 'correction', detail: path });
    this.touch(record, at);
    return this.snapshot(recordId);
  }

  /** The office moves the application to another status (a caseworker field), bumping the version. */
  officeSetStatus(recordId: string, status: RecordStatus): RecordChange {
    const record = this.mustGet(recordId);
    const at = this.now();
    record.fields = { ...record.fields, status };
    record.status = status;
    record.version++;
    record.timeline.push({ at, kind: 'status', detail: status });
    this.touch(record, at);
    return this.snapshot(recordId);
  }

  private mustGet(recordId: string): StoredRecord {
    const record = this.records.get(recordId);
    if (!record) throw new Error(`no record ${recordId} on the fake server`);
    return record;
  }

  private policyOf(record: StoredRecord): FieldPolicy {
    return SERVICE_DEFINITIONS[record.service]!.policy;
  }

  private now(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString();
  }

  private newId(): string {
    this.ids++;
    return `c0ffee00-0000-4000-8000-${String(this.ids).padStart(12, '0')}`;
  }

  /** A write: the record moves to the end of the change feed. */
  private touch(record: StoredRecord, at: string): void {
    record.updatedAt = at;
    this.seq++;
    record.seq = this.seq;
  }

  private async handle(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, value]) => [
        k.toLowerCase(),
        value,
      ]),
    );
    const method = init.method ?? 'GET';
    const rawBody =
      init.body === undefined || init.body === null
        ? undefined
        : typeof init.body === 'string'
          ? new TextEncoder().encode(init.body)
          : new Uint8Array(init.body as ArrayBuffer);
    let push: PushRequest | undefined;
    if (rawBody && url.pathname === '/api/sync/push') {
      const bytes = headers['content-encoding'] === 'gzip' ? gunzipSync(rawBody) : rawBody;
      push = JSON.parse(new TextDecoder().decode(bytes)) as PushRequest;
    }
    this.requests.push({ method, url, headers, ...(rawBody ? { rawBody } : {}), ...(push ? { push } : {}) });

    const fault = this.faults.shift();
    if (fault?.kind === 'network') throw new TypeError('fetch failed');
    if (fault?.kind === 'respond') return fault.response();

    let response: Response;
    if (method === 'POST' && url.pathname === '/api/sync/push') response = this.push(push);
    else if (method === 'GET' && url.pathname === '/api/sync/pull') response = this.pull(url, headers);
    else response = json(404, { error: 'route.notFound', message: 'Not found' });

    if (fault?.kind === 'dropResponse') throw new TypeError('fetch failed: connection reset');
    return response;
  }

  private push(body: unknown): Response {
    if (
      typeof body === 'object' &&
      body !== null &&
      (body as { protocolVersion?: unknown }).protocolVersion !== PROTOCOL_VERSION
    ) {
      return json(426, { error: 'protocol.outdated', message: 'Please update the app' });
    }
    const parsed = v.safeParse(PushRequestSchema, body);
    if (!parsed.success) {
      return json(400, {
        error: 'push.invalid',
        message: 'The push request does not match the protocol',
        issues: toValidationIssues(parsed.issues),
      });
    }
    const { clientId, mutations } = parsed.output;
    let last = this.lastMutationId.get(clientId) ?? 0;
    const results: MutationResult[] = [];
    for (const mutation of mutations) {
      const key = `${clientId}/${mutation.id}`;
      const stored = this.results.get(key);
      if (stored) {
        results.push(stored);
        continue;
      }
      if (mutation.id <= last) {
        // Ids only grow; a lower one never stored is a client bug. Answered, not stored.
        results.push(rejected(mutation, 'mutation.outOfOrder'));
        continue;
      }
      const result = this.decide(mutation, clientId);
      if (result.status !== 'rejected') {
        this.applied.push({
          clientId,
          mutationId: mutation.id,
          recordId: mutation.recordId,
          type: mutation.type,
        });
      }
      this.results.set(key, result);
      last = mutation.id;
      results.push(result);
    }
    this.lastMutationId.set(clientId, last);
    this.answers.push(results);
    return json(200, { results, lastMutationId: last });
  }

  private decide(mutation: Mutation, clientId: string): MutationResult {
    switch (mutation.type) {
      case 'record/submit':
        return this.submit(mutation, clientId);
      case 'record/setFields':
        return this.setFields(mutation, clientId);
      case 'record/resolveConflict':
        return this.resolveConflict(mutation, clientId);
      case 'record/withdraw':
        return this.withdraw(mutation, clientId);
    }
  }

  private submit(mutation: SubmitRecordMutation, clientId: string): MutationResult {
    const definition = SERVICE_DEFINITIONS[mutation.service];
    if (!definition) return rejected(mutation, 'service.notAvailable');
    const officeOwned = Object.keys(mutation.fields).filter(
      (path) => !mayWrite(definition.policy, path, 'citizen'),
    );
    if (officeOwned.length > 0) {
      return rejected(
        mutation,
        'field.officeOwned',
        officeOwned.map((path) => ({ field: path, message: 'field.officeOwned' })),
      );
    }
    const check = checkSubmission(mutation.service, mutation.fields);
    if (!check.ok) return rejected(mutation, check.reason, check.issues);
    const existing = this.records.get(mutation.recordId);
    if (existing) {
      return existing.clientId === clientId
        ? accepted(mutation, existing)
        : rejected(mutation, 'record.idTaken');
    }
    const at = this.now();
    const record: StoredRecord = {
      recordId: mutation.recordId,
      clientId,
      service: mutation.service,
      reference: mutation.reference,
      capturedAt: mutation.capturedAt,
      acceptedAt: at,
      updatedAt: at,
      status: 'received',
      // Stored as sent, so the phone's values stay valid merge bases.
      fields: { ...mutation.fields, status: 'received' },
      version: 1,
      conflicts: [],
      amendments: [],
      timeline: [{ at, kind: 'delivered' }],
      seq: 0,
    };
    this.records.set(record.recordId, record);
    this.touch(record, at);
    return accepted(mutation, record);
  }

  private setFields(mutation: SetFieldsMutation, clientId: string): MutationResult {
    const record = this.records.get(mutation.recordId);
    if (!record || record.clientId !== clientId) return rejected(mutation, 'record.notFound');
    return this.mergeCitizen(mutation, record, mutation.changes);
  }

  private resolveConflict(mutation: ResolveConflictMutation, clientId: string): MutationResult {
    const record = this.records.get(mutation.recordId);
    const conflict = record?.conflicts.find((item) => item.conflictId === mutation.conflictId);
    if (!record || record.clientId !== clientId || !conflict) return rejected(mutation, 'conflict.notFound');
    if (conflict.resolution !== null) {
      return conflict.resolution === mutation.choice
        ? accepted(mutation, record)
        : rejected(mutation, 'conflict.notFound');
    }
    if (mutation.choice === 'server') {
      conflict.resolution = 'server';
      this.touch(record, this.now());
      return accepted(mutation, record);
    }
    // Insisting on their own value: a fresh edit from the office's value, under every rule of an edit.
    const result = this.mergeCitizen(
      mutation,
      record,
      [{ path: conflict.path, base: conflict.server, value: conflict.client }],
      conflict,
    );
    if (result.status !== 'rejected') {
      conflict.resolution = result.status === 'conflict' ? 'superseded' : 'client';
      this.touch(record, record.updatedAt);
    }
    return result;
  }

  private withdraw(mutation: WithdrawMutation, clientId: string): MutationResult {
    const record = this.records.get(mutation.recordId);
    if (!record || record.clientId !== clientId) return rejected(mutation, 'record.notFound');
    if (record.status === 'withdrawn') return accepted(mutation, record);
    if (FINAL_STATUSES.includes(record.status)) return rejected(mutation, 'record.closed');
    const at = this.now();
    record.fields = { ...record.fields, status: 'withdrawn' };
    record.status = 'withdrawn';
    record.version++;
    record.timeline.push({ at, kind: 'status', detail: 'withdrawn' });
    this.touch(record, at);
    return accepted(mutation, record);
  }

  /**
   * The citizen merge: refusals refuse the whole mutation; the rest is taken, kept as a conflict, or
   * kept as an amendment (frozen fields, and every field once the office has decided).
   */
  private mergeCitizen(
    mutation: Mutation,
    record: StoredRecord,
    changes: readonly FieldChange[],
    resolving?: StoredConflict,
  ): MutationResult {
    const base = this.policyOf(record);
    const policy: FieldPolicy = FINAL_STATUSES.includes(record.status)
      ? { ...base, frozenAfterSubmit: changes.map((change) => policyKey(change.path)) }
      : base;
    const merge = mergeFields({ current: record.fields, changes, actor: 'citizen', policy, submitted: true });
    if (merge.rejected.length > 0) {
      return rejected(
        mutation,
        'field.officeOwned',
        merge.rejected.map(({ path, reason }) => ({ field: path, message: reason })),
      );
    }
    const check = checkSubmission(record.service, merge.next);
    if (!check.ok) return rejected(mutation, check.reason, check.issues);

    const at = this.now();
    const changed = changedPaths(record.fields, merge.next);
    const settled = new Set([
      ...merge.applied,
      ...merge.conflicts.map(({ path }) => path),
      ...merge.amendments.map(({ path }) => path),
    ]);
    let touched = changed.length > 0;
    for (const open of record.conflicts) {
      if (open.resolution === null && open !== resolving && settled.has(open.path)) {
        open.resolution = 'superseded';
        touched = true;
      }
    }
    const conflicts = merge.conflicts.map((conflict) => {
      const stored: StoredConflict = {
        conflictId: this.newId(),
        ...conflict,
        createdAt: at,
        resolution: null,
      };
      record.conflicts.push(stored);
      record.timeline.push({ at, kind: 'conflict', detail: conflict.path });
      return stored;
    });
    const amendments = merge.amendments.map(({ path, value }) => {
      record.amendments.push({ amendmentId: this.newId(), path, value, state: 'pending', createdAt: at });
      record.timeline.push({ at, kind: 'amendment', detail: path });
      return path;
    });
    if (changed.length > 0) {
      record.fields = merge.next;
      record.version++;
    }
    if (touched || conflicts.length > 0 || amendments.length > 0) this.touch(record, at);

    const envelope = {
      id: mutation.id,
      recordId: mutation.recordId,
      version: record.version,
      acceptedAt: record.acceptedAt,
    };
    if (conflicts.length > 0) {
      return {
        ...envelope,
        status: 'conflict',
        conflicts: conflicts.map(({ conflictId, path }) => ({ conflictId, path })),
      };
    }
    if (amendments.length > 0) return { ...envelope, status: 'merged', amendments };
    return { ...envelope, status: 'applied' };
  }

  private pull(url: URL, headers: Record<string, string>): Response {
    const clientId = headers[CLIENT_ID_HEADER] ?? '';
    const after = Number(url.searchParams.get('after') || '0');
    const mine = [...this.records.values()]
      .filter((record) => record.clientId === clientId && record.seq > after)
      .sort((a, b) => a.seq - b.seq);
    const page = mine.slice(0, this.pullPageSize);
    const cursor = page.length > 0 ? String(page.at(-1)!.seq) : (url.searchParams.get('after') ?? '');
    return json(200, {
      changes: page.map((record) => this.snapshot(record.recordId)),
      cursor,
      hasMore: mine.length > page.length,
      lastMutationId: this.lastMutationId.get(clientId) ?? 0,
    });
  }
}

function changedPaths(current: FieldMap, next: FieldMap): string[] {
  const paths = new Set([...Object.keys(next), ...Object.keys(current)]);
  return [...paths].filter((path) => !sameValue(current[path], next[path]));
}

function accepted(
  mutation: Pick<Mutation, 'id' | 'recordId'>,
  record: { readonly version: number; readonly acceptedAt: string },
): MutationResult {
  return {
    id: mutation.id,
    status: 'applied',
    recordId: mutation.recordId,
    version: record.version,
    acceptedAt: record.acceptedAt,
  };
}

function rejected(
  mutation: Pick<Mutation, 'id' | 'recordId'>,
  reason: string,
  issues: readonly ValidationIssue[] = [],
): MutationResult {
  return { id: mutation.id, status: 'rejected', recordId: mutation.recordId, reason, issues: [...issues] };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
