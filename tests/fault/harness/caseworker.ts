import type { RecordChange } from '../../../src/shared/protocol';
import type { FieldValue } from '../../../src/shared/record';
import { sessionCookieOf, writeHeaders } from './sign-in';

export type StaffAnswer =
  | { readonly kind: 'done'; readonly record: RecordChange }
  | { readonly kind: 'refused'; readonly status: number; readonly error: string }
  /** No answer, or a gateway error: the action may or may not have happened. */
  | { readonly kind: 'unknown'; readonly detail: string };

/**
 * The caseworker side, through the same URL the phones use: GET /api/staff/records/:id,
 * POST …/fields {changes:[{path, base, value}]} and POST …/status {status}, signed in with a
 * staff account (an administrator sees every oblast's records).
 */
export class Caseworker {
  readonly #baseUrl: string;
  #cookie: string | undefined;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  async signIn(login: string, password: string): Promise<void> {
    const response = await fetch(`${this.#baseUrl}/api/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...writeHeaders(this.#baseUrl) },
      body: JSON.stringify({ login, password }),
    });
    const text = await response.text();
    this.#cookie = sessionCookieOf(response);
    if (!response.ok || this.#cookie === undefined)
      throw new Error(`staff login answered ${response.status}: ${text}`);
  }

  async read(recordId: string): Promise<StaffAnswer> {
    return this.#call('GET', `/api/staff/records/${recordId}`);
  }

  async correct(recordId: string, path: string, base: FieldValue, value: FieldValue): Promise<StaffAnswer> {
    return this.#call('POST', `/api/staff/records/${recordId}/fields`, { changes: [{ path, base, value }] });
  }

  async setStatus(recordId: string, status: string): Promise<StaffAnswer> {
    return this.#call('POST', `/api/staff/records/${recordId}/status`, { status });
  }

  async #call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<StaffAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: {
          ...(this.#cookie === undefined ? {} : { cookie: this.#cookie }),
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', ...writeHeaders(this.#baseUrl) }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return { kind: 'done', record: JSON.parse(text) as RecordChange };
    if (response.status >= 500) return { kind: 'unknown', detail: `HTTP ${response.status}` };
    let error = `HTTP ${response.status}`;
    try {
      error = (JSON.parse(text) as { error?: string }).error ?? error;
    } catch {
      // not JSON (e.g. from nginx)
    }
    return { kind: 'refused', status: response.status, error };
  }
}
