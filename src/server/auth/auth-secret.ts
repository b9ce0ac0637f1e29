import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const AUTH_SECRET_FILE_NAME = 'auth-secret';

/**
 * The key of the HMACs over one-time codes, invite codes and rate-limit subjects. AUTH_SECRET
 * when set (required when several hosts share one database: they must agree on it); otherwise
 * 32 random bytes kept in DATA_DIR, created on first start and readable by the server's user only.
 * Kept out of the database so that a stolen dump cannot test the 10^6 possible codes offline.
 */
export function loadAuthSecret(options: {
  readonly authSecret: string | undefined;
  readonly dataDir: string;
}): Buffer {
  if (options.authSecret !== undefined) return Buffer.from(options.authSecret, 'utf8');
  const file = path.join(options.dataDir, AUTH_SECRET_FILE_NAME);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting together keep the first one's key.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32)
    throw new Error(`${file} is too short to be an auth secret; remove it to make a new one`);
  return Buffer.from(text, 'utf8');
}
