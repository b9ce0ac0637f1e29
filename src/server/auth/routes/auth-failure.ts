import type { Context } from 'hono';
import { apiError } from '../../api-error';
import type { Log } from '../../log';
import {
  InvalidCredentialsError,
  InviteInvalidError,
  InviteScopeError,
  OtpInvalidError,
  OtpLockedError,
  PhoneInvalidError,
  RateLimitedError,
  SmsDeliveryError,
} from '../auth-errors';
import { identityUnavailable } from '../store-unavailable';

const SMS_RETRY_AFTER_SECONDS = 30;
const LOCKED_RETRY_AFTER_SECONDS = 60;

/** Turns what an auth service threw into its one HTTP answer; anything unknown is the store failing (503). */
export function authFailure(c: Context, log: Log, error: unknown): Response {
  if (error instanceof RateLimitedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return apiError(c, 429, 'rate.limited', 'Too many attempts; try again later');
  }
  if (error instanceof OtpLockedError) {
    c.header('Retry-After', String(LOCKED_RETRY_AFTER_SECONDS));
    return apiError(c, 429, 'otp.locked', 'Too many wrong codes; request a new code');
  }
  if (error instanceof OtpInvalidError) return apiError(c, 401, 'otp.invalid', 'The code is not valid');
  if (error instanceof InvalidCredentialsError) {
    return apiError(c, 401, 'auth.invalid', 'The login or password is not right');
  }
  if (error instanceof InviteInvalidError)
    return apiError(c, 400, 'invite.invalid', 'The invite code is not valid');
  if (error instanceof InviteScopeError) {
    return apiError(c, 403, 'invite.scope', 'Invites can only be made for your own oblasts');
  }
  if (error instanceof PhoneInvalidError) {
    return apiError(c, 400, 'request.invalid', 'The request does not match the API', [
      { field: 'phone', message: 'phone.notMobile' },
    ]);
  }
  if (error instanceof SmsDeliveryError) {
    // The message names a status or a timeout, never the recipient or the text.
    log.warn('sms.failed', { message: error.message });
    c.header('Retry-After', String(SMS_RETRY_AFTER_SECONDS));
    return apiError(c, 503, 'sms.unavailable', 'The code could not be sent; try again shortly');
  }
  return identityUnavailable(c, log, error);
}
