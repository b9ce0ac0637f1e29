import { randomInt } from 'node:crypto';
import { isMobile, normalizePhone } from '../../shared/domain/validators';
import type { IdentityStore, User } from '../identity-store';
import { OtpInvalidError, OtpLockedError, PhoneInvalidError, SmsDeliveryError } from './auth-errors';
import type { AuthLimits } from './auth-limits';
import type { Clock } from './clock';
import type { RateLimiter, RateRule } from './rate-limiter';
import { digestsEqual, hmacHex } from './secret-hash';
import type { IssuedSession, SessionService } from './session-service';
import { otpSmsText, type SmsGateway } from './sms-gateway';

/** Long enough for a slow SMS on a bad network, short enough that a leaked code is soon worthless. */
export const OTP_LIFETIME_MS = 5 * 60 * 1000;

export interface OtpServiceDeps {
  readonly store: IdentityStore;
  readonly secret: Uint8Array;
  readonly sms: SmsGateway;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly sessions: SessionService;
  readonly limits: AuthLimits;
}

export interface OtpSignIn extends IssuedSession {
  readonly user: User;
}

export interface OtpService {
  /** Sends a new code (retiring the previous one); throws RateLimitedError, PhoneInvalidError or SmsDeliveryError. */
  requestCode(phone: string, ip: string, deviceId: string | null): Promise<void>;
  /** Signs the phone's owner in (creating the citizen on first use); throws OtpInvalidError, OtpLockedError or RateLimitedError. */
  verifyCode(phone: string, code: string, deviceId: string | null, ip?: string): Promise<OtpSignIn>;
}

export function otpCodeHash(secret: Uint8Array, phone: string, code: string): string {
  return hmacHex(secret, 'otp', phone, code);
}

export function normalizeMobilePhone(input: string): string {
  const phone = normalizePhone(input);
  if (phone === undefined || !isMobile(phone)) throw new PhoneInvalidError();
  return phone;
}

export function createOtpService(deps: OtpServiceDeps): OtpService {
  const { store, secret, sms, clock, limiter, sessions, limits } = deps;

  return {
    async requestCode(input, ip, deviceId) {
      const phone = normalizeMobilePhone(input);
      const rules: RateRule[] = [
        { name: 'otp.phone', subject: phone, ...limits.otpPerPhone },
        { name: 'otp.ip', subject: ip, ...limits.otpPerIp },
      ];
      // Without a device id the address limit still holds; a shared "no device" bucket would let
      // one abuser lock out everyone whose client sends none.
      if (deviceId !== null) rules.push({ name: 'otp.device', subject: deviceId, ...limits.otpPerDevice });
      await limiter.hit(rules);

      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = clock();
      await store.createOtpCode(
        {
          phone,
          codeHash: otpCodeHash(secret, phone, code),
          expiresAt: new Date(now.getTime() + OTP_LIFETIME_MS),
        },
        now,
      );
      try {
        await sms.send(phone, otpSmsText(code));
      } catch (error) {
        if (error instanceof SmsDeliveryError) throw error;
        // A gateway's own failure (a full disk for the file outbox) is still "not sent", and its
        // message might quote the text, so only the error's name goes on.
        throw new SmsDeliveryError(
          `SMS gateway failed (${error instanceof Error ? error.name : typeof error})`,
        );
      }
    },

    async verifyCode(input, code, deviceId, ip) {
      // A malformed phone or code is as wrong as a wrong code: the same answer, no hint.
      const phone = normalizePhone(input);
      if (ip !== undefined)
        await limiter.hit([{ name: 'otp.verify.ip', subject: ip, ...limits.verifyPerIp }]);
      if (phone === undefined || !/^\d{6}$/.test(code)) throw new OtpInvalidError();

      const attempt = await store.claimOtpAttempt(phone, clock(), limits.otpMaxAttempts);
      if (attempt.status === 'locked') throw new OtpLockedError();
      if (attempt.status !== 'open') throw new OtpInvalidError();
      if (!digestsEqual(otpCodeHash(secret, phone, code), attempt.codeHash)) throw new OtpInvalidError();
      // Two requests with the right code: only the first one consumes it and gets a session.
      if (!(await store.consumeOtpCode(attempt.otpId, clock()))) throw new OtpInvalidError();

      const user = await store.findOrCreateCitizen(phone, clock());
      if (user.disabledAt !== null) throw new OtpInvalidError();
      const issued = await sessions.createSession(user.userId, deviceId);
      return { ...issued, user };
    },
  };
}
