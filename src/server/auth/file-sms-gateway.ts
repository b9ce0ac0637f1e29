import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { maskPhone } from './mask-phone';
import type { SmsGateway } from './sms-gateway';

export const SMS_OUTBOX_FILE_NAME = 'sms-outbox.jsonl';

export interface FileSmsGatewayOptions {
  /** Also print the message to the console; only ever true in development. */
  readonly echo?: boolean;
  readonly write?: (line: string) => void;
}

/**
 * The embedded default: each message becomes one JSON line `{at, phone, text}` in
 * `DATA_DIR/sms-outbox.jsonl`, which tests and a developer read. The file holds live codes, so
 * it is created readable by the server's user only.
 */
export function createFileSmsGateway(dataDir: string, options: FileSmsGatewayOptions = {}): SmsGateway {
  const file = path.join(dataDir, SMS_OUTBOX_FILE_NAME);
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return {
    async send(phone, text) {
      await mkdir(dataDir, { recursive: true });
      const line = JSON.stringify({ at: new Date().toISOString(), phone, text });
      await appendFile(file, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
      if (options.echo === true) write(`[sms to ${maskPhone(phone)}] ${text}\n`);
    },
  };
}

export function smsOutboxPath(dataDir: string): string {
  return path.join(dataDir, SMS_OUTBOX_FILE_NAME);
}
