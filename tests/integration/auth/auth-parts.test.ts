import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileSmsGateway,
  createHttpSmsGateway,
  hashPassword,
  loadAuthConfig,
  loadAuthSecret,
  maskPhone,
  needsRehash,
  otpSmsText,
  redactPersonalData,
  SmsDeliveryError,
  smsOutboxPath,
  verifyPassword,
} from '../../../src/server/auth';
import { normalizeInviteCode } from '../../../src/server/auth/invite-code';
import { dummyVerifyPassword } from '../../../src/server/auth/password-hash';
import { digestsEqual, hmacHex } from '../../../src/server/auth/secret-hash';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lastivka-auth-parts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('password hashes', () => {
  it('are scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1, a 16-byte salt and a 64-byte key', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(64);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
  });

  it('verify the right password only, and a malformed hash as false', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    for (const bad of [
      '',
      'plain',
      'scrypt$3$8$1$a$b',
      'scrypt$1099511627776$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
    expect(needsRehash(hash)).toBe(false);
    expect(await dummyVerifyPassword('anything')).toBe(false);
  });
});

describe('digest comparison', () => {
  it('is true only for equal digests of the same length', () => {
    const a = hmacHex(Buffer.from('k'), 'otp', '+380501234567', '123456');
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, hmacHex(Buffer.from('k'), 'otp', '+380501234567', '123457'))).toBe(false);
    expect(digestsEqual(a, a.slice(0, 62))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });
});

describe('small parts', () => {
  it('mask phones as +380•••••4567', () => {
    expect(maskPhone('+380501234567')).toBe('+380•••••4567');
  });

  it('normalise invite codes the way Crockford reads them', () => {
    expect(normalizeInviteCode('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(normalizeInviteCode('0O1IL 23456')).toBe('0011123456');
    expect(normalizeInviteCode('ABCDEFGHJU')).toBeUndefined();
    expect(normalizeInviteCode('ABC')).toBeUndefined();
  });

  it('redact phones, tax numbers, e-mails and IBANs from audit text but keep oblast codes', () => {
    expect(redactPersonalData('oblast=UA32000000000030281')).toBe('oblast=UA32000000000030281');
    expect(redactPersonalData('phone +380501234567 / 0501234567, rnokpp 1234567890, a@b.ua')).toBe(
      'phone [redacted] / [redacted], rnokpp [redacted], [redacted]',
    );
    expect(redactPersonalData('UA213223130000026007233566001')).toBe('[redacted]');
  });

  it('write the SMS text in Ukrainian', () => {
    expect(otpSmsText('012345')).toBe('Код для входу в Ластівку: 012345. Нікому його не повідомляйте.');
  });
});

describe('file SMS gateway', () => {
  it('appends one JSON line per message to DATA_DIR/sms-outbox.jsonl, readable by the owner only', async () => {
    const printed: string[] = [];
    const gateway = createFileSmsGateway(dir, { echo: false, write: (line) => printed.push(line) });
    await gateway.send('+380501234567', otpSmsText('111111'));
    await gateway.send('+380671112233', otpSmsText('222222'));
    const lines = readFileSync(smsOutboxPath(dir), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { at: expect.any(String), phone: '+380501234567', text: otpSmsText('111111') },
      { at: expect.any(String), phone: '+380671112233', text: otpSmsText('222222') },
    ]);
    expect(statSync(smsOutboxPath(dir)).mode & 0o777).toBe(0o600);
    expect(printed).toEqual([]);
  });

  it('prints the code to the console in development, with the phone masked', async () => {
    const printed: string[] = [];
    await createFileSmsGateway(dir, { echo: true, write: (line) => printed.push(line) }).send(
      '+380501234567',
      otpSmsText('111111'),
    );
    expect(printed).toEqual([`[sms to +380•••••4567] ${otpSmsText('111111')}\n`]);
  });
});

describe('HTTP SMS gateway', () => {
  it('POSTs {to, text} as JSON with the bearer token', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const gateway = createHttpSmsGateway({
      url: 'https://sms.example/send',
      token: 'token-123',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init! });
        return new Response('{}', { status: 200 });
      },
    });
    await gateway.send('+380501234567', otpSmsText('111111'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://sms.example/send');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      authorization: 'Bearer token-123',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      to: '+380501234567',
      text: otpSmsText('111111'),
    });
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails with an error that names the status or the timeout, never the code or the phone', async () => {
    const refused = createHttpSmsGateway({
      url: 'https://sms.example/send',
      token: 't',
      fetch: async () => new Response('nope', { status: 502 }),
    });
    const error = await refused
      .send('+380501234567', otpSmsText('111111'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect((error as Error).message).toBe('SMS gateway answered 502');

    const slow = createHttpSmsGateway({
      url: 'https://sms.example/send',
      token: 't',
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    const timeout = await slow.send('+380501234567', otpSmsText('111111')).catch((caught: unknown) => caught);
    expect(timeout).toBeInstanceOf(SmsDeliveryError);
    expect((timeout as Error).message).toBe('SMS gateway timed out after 20 ms');
    expect((timeout as Error).message).not.toMatch(/111111|380/);
  });
});

describe('auth configuration', () => {
  it('has safe defaults', () => {
    expect(loadAuthConfig({})).toEqual({
      authSecret: undefined,
      smsGateway: undefined,
      trustProxy: false,
      publicOrigin: undefined,
      codesPerIpPerHour: undefined,
      development: true,
    });
    expect(
      loadAuthConfig({ NODE_ENV: 'production', TRUST_PROXY: 'true', AUTH_CODES_PER_IP_PER_HOUR: '500' }),
    ).toMatchObject({
      development: false,
      trustProxy: true,
      codesPerIpPerHour: 500,
    });
    expect(() => loadAuthConfig({ AUTH_CODES_PER_IP_PER_HOUR: '0' })).toThrow(/AUTH_CODES_PER_IP_PER_HOUR/);
  });

  it('names every bad variable without its value', () => {
    const attempt = () =>
      loadAuthConfig({
        AUTH_SECRET: 'short-secret-value',
        SMS_GATEWAY_URL: 'https://sms.example/send',
        TRUST_PROXY: 'yes',
        PUBLIC_ORIGIN: 'https://lastivka.example/',
      });
    expect(attempt).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(attempt).toThrow(/SMS_GATEWAY_TOKEN: set SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN together/);
    expect(attempt).toThrow(/TRUST_PROXY/);
    expect(attempt).toThrow(/PUBLIC_ORIGIN/);
    expect(attempt).not.toThrow(/short-secret-value/);
  });

  it('keeps a generated secret in DATA_DIR when AUTH_SECRET is unset, and the same one on the next start', () => {
    const first = loadAuthSecret({ authSecret: undefined, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadAuthSecret({ authSecret: undefined, dataDir: dir })).toEqual(first);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(loadAuthSecret({ authSecret: 'x'.repeat(40), dataDir: dir }).toString()).toBe('x'.repeat(40));
  });
});
