import type { RateLimit } from './rate-limiter';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export interface AuthLimits {
  /** Codes sent to one phone: an SMS costs money and a flood of them is harassment. */
  readonly otpPerPhone: RateLimit;
  /** Codes asked for from one address (a NAT may hide a few households, so not too tight). */
  readonly otpPerIp: RateLimit;
  /** Codes asked for from one device (the sync client id). */
  readonly otpPerDevice: RateLimit;
  /** Code guesses from one address across all phones, against spraying many phones at once. */
  readonly verifyPerIp: RateLimit;
  /** Wrong guesses the newest code survives before it is locked. */
  readonly otpMaxAttempts: number;
  readonly staffLoginPerLogin: RateLimit;
  readonly staffLoginPerIp: RateLimit;
  readonly inviteRedeemPerUser: RateLimit;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  otpPerPhone: { limit: 3, windowSeconds: 15 * MINUTE },
  otpPerIp: { limit: 20, windowSeconds: HOUR },
  otpPerDevice: { limit: 5, windowSeconds: HOUR },
  verifyPerIp: { limit: 60, windowSeconds: HOUR },
  otpMaxAttempts: 5,
  staffLoginPerLogin: { limit: 10, windowSeconds: 15 * MINUTE },
  staffLoginPerIp: { limit: 30, windowSeconds: HOUR },
  inviteRedeemPerUser: { limit: 10, windowSeconds: HOUR },
};
