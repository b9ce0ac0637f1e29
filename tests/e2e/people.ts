import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { RunningServer } from './server-process';

/** The code the server "sent" to a phone: the embedded SMS gateway appends each message to a file. */
export async function latestCode(dataDir: string, phoneE164: string): Promise<string> {
  const file = join(dataDir, 'sms-outbox.jsonl');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (existsSync(file)) {
      const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
      const mine = lines
        .map((line) => JSON.parse(line) as { phone: string; text: string })
        .filter((m) => m.phone === phoneE164);
      const code = /\b(\d{6})\b/.exec(mine.at(-1)?.text ?? '')?.[1];
      if (code) return code;
    }
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phoneE164}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs a citizen in the way a person does: phone number, then the code from the SMS. */
export async function signInOnPage(
  page: Page,
  server: RunningServer,
  phone = '067 765 43 21',
): Promise<void> {
  const e164 = `+380${phone.replace(/\D/g, '').replace(/^0/, '')}`;
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Номер мобільного телефону').fill(phone);
  await page.getByRole('button', { name: 'Надіслати код' }).click();
  await expect(page.getByLabel('Код з SMS')).toBeVisible();
  await page.getByLabel('Код з SMS').fill(await latestCode(server.dataDir, e164));
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByText('Ви увійшли.')).toBeVisible();
}

/** A caseworker account made with the admin CLI, exactly as an operator would (`npm run admin`). */
export function createCaseworker(
  server: RunningServer,
  login: string,
  password: string,
  oblasts: string[],
): void {
  const args = ['tsx', 'src/server/cli/admin.ts', 'create-caseworker', '--login', login];
  for (const oblast of oblasts) args.push('--oblast', oblast);
  args.push('--password-stdin');
  const result = spawnSync('npx', args, {
    input: password,
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`admin CLI failed: ${result.stderr}`);
}

export const KYIV_CITY = 'UA80000000000093317';
