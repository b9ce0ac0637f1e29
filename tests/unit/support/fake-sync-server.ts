import { gunzipSync } from 'node:zlib';
import * as v from 'valibot';
import type { SyncTransport } from '../../../src/local';
import { DamageReportSchema, toValidationIssues } from '../../../src/shared/domain';
import {
  CLIENT_ID_HEADER,
  type MutationResult,
  PROTOCOL_VERSION,
  type PushRequest,
  PushRequestSchema,
  type RecordChange,
} from '../../../src/shared/protocol';

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

interface StoredRecord {
  readonly clientId: string;
  readonly change: RecordChange;
  readonly seq: number;
}

/**
 * An in-memory stand-in for the sync API with the server's semantics: strict envelope validation,
 * exactly-once per (client, mutation id) with replays answered by the stored result, per-mutation
 * validation of the data, and a paginated change feed per client.
 */
export class FakeSyncServer {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly records = new Map<string, StoredRecord>();
  /** Every mutation the server applied, in order; a replay must never add to it. */
  readonly applied: Array<{ clientId: string; mutationId: number; recordId: string }> = [];
  pullPageSize = 100;
  private readonly results = new Map<string, MutationResult>();
  private readonly lastMutationId = new Map<string, number>();
  private seq = 0;
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

  private now(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString();
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
      const data = v.safeParse(DamageReportSchema, mutation.data);
      let result: MutationResult;
      if (!data.success) {
        result = {
          id: mutation.id,
          status: 'rejected',
          recordId: mutation.recordId,
          reason: 'record.invalid',
          issues: toValidationIssues(data.issues),
        };
      } else {
        const acceptedAt = this.now();
        this.seq++;
        this.records.set(mutation.recordId, {
          clientId,
          seq: this.seq,
          change: {
            recordId: mutation.recordId,
            service: 'damageReport',
            reference: mutation.reference,
            status: 'received',
            acceptedAt,
            updatedAt: acceptedAt,
          },
        });
        this.applied.push({ clientId, mutationId: mutation.id, recordId: mutation.recordId });
        result = { id: mutation.id, status: 'applied', recordId: mutation.recordId, acceptedAt };
      }
      this.results.set(key, result);
      last = Math.max(last, mutation.id);
      results.push(result);
    }
    this.lastMutationId.set(clientId, last);
    return json(200, { results, lastMutationId: last });
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
      changes: page.map((record) => record.change),
      cursor,
      hasMore: mine.length > page.length,
      lastMutationId: this.lastMutationId.get(clientId) ?? 0,
    });
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
