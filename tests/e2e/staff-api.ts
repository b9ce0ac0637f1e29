import type { RunningServer } from './server-process';

export interface StaffRecordView {
  readonly fields: Record<string, unknown>;
  readonly status: string;
}

export type StaffCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<StaffRecordView>;

/**
 * The office's side through the caseworker API, signed in with a password like the console does (a
 * session cookie, the Origin and the custom header that the CSRF defence asks for).
 */
export async function staffSession(
  server: RunningServer,
  login: string,
  password: string,
): Promise<StaffCall> {
  const headers = { origin: server.url, 'x-lastivka-request': '1', 'content-type': 'application/json' };
  const response = await fetch(`${server.url}/api/auth/staff/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`staff login → ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  return async (method, path, body) => {
    const answer = await fetch(`${server.url}/api/staff${path}`, {
      method,
      headers: { ...headers, cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await answer.json();
    if (!answer.ok) throw new Error(`staff ${method} ${path} → ${answer.status} ${JSON.stringify(json)}`);
    return json as StaffRecordView;
  };
}
