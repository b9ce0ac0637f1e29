import { STAFF_TOKEN } from './server-process';

export interface StaffRecordView {
  readonly fields: Record<string, unknown>;
  readonly status: string;
}

/** The office's side, driven through the caseworker API (the console arrives with the roles issue). */
export async function staff(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<StaffRecordView> {
  const response = await fetch(`${baseUrl}/api/staff${path}`, {
    method,
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`staff ${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json as StaffRecordView;
}
