import type { RecordChange } from '../shared/protocol';

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly body: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'StaffApiError';
  }
}

export interface QueueItem {
  readonly recordId: string;
  readonly reference: string;
  readonly service: string;
  readonly status: string;
  readonly oblast: string | null;
  readonly acceptedAt: string;
  readonly updatedAt: string;
  readonly assignedTo: string | null;
  readonly openConflicts: number;
  readonly pendingAmendments: number;
}

/** One photo of a record; its bytes may still be on their way from the phone (`arrived` false). */
export interface StaffPhoto {
  readonly id: string;
  readonly arrived: boolean;
  readonly bytes: number | null;
  /** ISO time, as the phone recorded it. */
  readonly takenAt?: string;
}

/** GET /api/staff/records/:id. The write routes answer with the snapshot alone (a RecordChange). */
export interface StaffRecord extends RecordChange {
  readonly assignedTo?: string | null;
  readonly photos: readonly StaffPhoto[];
}

/** GET /api/staff/records/:id/photos: the record's photos alone, as in StaffRecord. */
export interface StaffPhotoList {
  readonly photos: readonly StaffPhoto[];
}

/** Where the console loads a photo from; the ids are random UUIDs, so the URL names nobody. */
export function staffPhotoUrl(recordId: string, photoId: string): string {
  return `/api/staff/records/${recordId}/photos/${photoId}`;
}

/** Same-origin cookie session; writes carry the custom header that is the CSRF defence. */
export async function staffFetch<T>(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'x-lastivka-request': '1' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new StaffApiError(response.status, String(json.error ?? `server.${response.status}`), json);
  return json as T;
}
