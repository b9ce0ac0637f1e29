// Citizen sign-in as the app does it (POST /api/auth/otp/request, the code from the server's embedded
// SMS gateway file DATA_DIR/sms-outbox.jsonl, POST /api/auth/otp/verify), and the headers the server's
// CSRF guard asks of every API write. As tests/fault/harness/sign-in.ts does it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CSRF_HEADER = 'x-lastivka-request';

/** What a browser adds to a write from our own page (Origin), plus the app's request header. */
export function writeHeaders(origin) {
  return { origin: new URL(origin).origin, [CSRF_HEADER]: '1' };
}

/** A test-only mobile number (E.164) for phone number `index`. */
export function benchPhoneNumber(index) {
  return `+38067${String(1_000_000 + index).padStart(7, '0')}`;
}

/** The latest 6-digit code the server "sent" to `phone`. */
export async function latestSmsCode(dataDir, phone) {
  const file = join(dataDir, 'sms-outbox.jsonl');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (existsSync(file)) {
      const mine = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .filter((message) => message.phone === phone);
      const code = /\b(\d{6})\b/.exec(mine.at(-1)?.text ?? '')?.[1];
      if (code !== undefined) return code;
    }
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sessionCookieOf(response) {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0].trim();
    if (/^(__Host-)?lastivka_session=./.test(pair)) return pair;
  }
  return undefined;
}

/** Signs `phone` in on `server` ({ url, dataDir }) from Node; returns the cookie pair `name=value`. */
export async function signInCitizen(server, phone) {
  const post = async (path, body) => {
    const response = await fetch(`${server.url}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...writeHeaders(server.url) },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${path}: ${response.status} ${await response.text().catch(() => '')}`);
    }
    return response;
  };
  await post('/otp/request', { phone });
  const code = await latestSmsCode(server.dataDir, phone);
  const cookie = sessionCookieOf(await post('/otp/verify', { phone, code }));
  if (cookie === undefined) throw new Error(`signed in ${phone} but no session cookie was set`);
  return cookie;
}
