import type { Context } from 'hono';
import * as v from 'valibot';
import { isMobile, normalizePhone } from '../../../shared/domain/validators';
import { CLIENT_ID_HEADER } from '../../../shared/protocol';
import type { User } from '../../identity-store';
import { maskPhone } from '../mask-phone';

/** The device, named by the sync client id it already sends; null when absent or not a UUID. */
export function deviceIdOf(c: Context): string | null {
  const value = c.req.header(CLIENT_ID_HEADER);
  return value !== undefined && v.is(v.pipe(v.string(), v.uuid()), value) ? value.toLowerCase() : null;
}

export const PhoneInputSchema = v.pipe(
  v.string('phone.required'),
  v.maxLength(32, 'phone.format'),
  v.check((input) => normalizePhone(input) !== undefined, 'phone.format'),
  v.check((input) => normalizePhone(input) === undefined || isMobile(input), 'phone.notMobile'),
);

export interface UserView {
  readonly kind: User['kind'];
  readonly phoneMasked?: string;
  readonly oblasts?: readonly string[];
}

/** What a client may know about its own account: no ids, no full phone number. */
export function userView(user: User): UserView {
  return {
    kind: user.kind,
    ...(user.phone === null ? {} : { phoneMasked: maskPhone(user.phone) }),
    ...(user.kind === 'citizen' ? {} : { oblasts: user.oblasts }),
  };
}
