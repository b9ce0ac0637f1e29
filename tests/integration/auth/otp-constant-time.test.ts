import * as crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuthTestApp, createAuthTestApp, PHONE } from './auth-test-app';

// The comparison itself is node:crypto's; what is tested is that the code check goes through it
// with two full-length digests (timing is not measured: too noisy to mean anything in CI).
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

let t: AuthTestApp;
beforeEach(async () => {
  t = await createAuthTestApp();
});
afterEach(async () => {
  await t.dispose();
});

describe('code check', () => {
  it('compares HMAC digests with timingSafeEqual, for wrong and right codes alike', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    await t.request('/api/auth/otp/request', { body: { phone: PHONE } });
    const code = t.lastCode();
    spy.mockClear();
    const wrong = code === '000000' ? '000001' : '000000';
    expect((await t.request('/api/auth/otp/verify', { body: { phone: PHONE, code: wrong } })).status).toBe(
      401,
    );
    expect(spy).toHaveBeenCalledTimes(1);
    const [left, right] = spy.mock.calls[0]! as [Buffer, Buffer];
    expect(left.length).toBe(32);
    expect(right.length).toBe(32);
    spy.mockClear();
    expect((await t.request('/api/auth/otp/verify', { body: { phone: PHONE, code } })).status).toBe(200);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
