import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/cluster/server-build.mjs';
import { sleep } from './free-port';

/** What the CSRF guard asks of every API write: our own Origin and the app's request header. */
export function writeHeaders(baseUrl: string): Record<string, string> {
  return { origin: new URL(baseUrl).origin, 'x-lastivka-request': '1' };
}

/** A test-only mobile number of the phone with this index (unique within one test's server). */
export function testPhoneNumber(index: number): string {
  return `+38067${String(1_000_000 + index).padStart(7, '0')}`;
}

/**
 * The code the server "sent" to `phone`: without an SMS gateway configured the server appends each
 * message to DATA_DIR/sms-outbox.jsonl, which is what tests read (as tests/e2e/people.ts does).
 */
export async function latestSmsCode(dataDir: string, phone: string): Promise<string> {
  const file = join(dataDir, 'sms-outbox.jsonl');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (existsSync(file)) {
      const mine = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { phone: string; text: string })
        .filter((message) => message.phone === phone);
      const code = /\b(\d{6})\b/.exec(mine.at(-1)?.text ?? '')?.[1];
      if (code !== undefined) return code;
    }
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in ${file}`);
    await sleep(50);
  }
}

/**
 * An administrator account made with the admin CLI, as an operator does it (`npm run admin`), on
 * the server's database: DATABASE_URL when set, otherwise DATA_DIR.
 */
export function createAdmin(options: {
  dataDir: string;
  databaseUrl?: string;
  login: string;
  password: string;
}): void {
  const result = spawnSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'src/server/cli/admin.ts',
      'create-admin',
      '--login',
      options.login,
      '--password-stdin',
    ],
    {
      cwd: REPO_ROOT,
      input: options.password,
      env: { ...process.env, DATA_DIR: options.dataDir, DATABASE_URL: options.databaseUrl ?? '' },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`admin CLI failed (${result.status}): ${result.stderr}${result.stdout}`);
}

/** The session cookie (`name=value`) a response set, if any. */
export function sessionCookieOf(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!.trim();
    if (/^(__Host-)?lastivka_session=./.test(pair)) return pair;
  }
  return undefined;
}
