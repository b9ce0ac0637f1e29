import type { Context, MiddlewareHandler } from 'hono';
import type { IdentityStore, UserKind } from '../identity-store';
import type { Log } from '../log';
import { type Audit, createAudit } from './audit';
import type { AuthEnv } from './auth-env';
import { type AuthLimits, DEFAULT_AUTH_LIMITS } from './auth-limits';
import { clientIp } from './client-ip';
import { type Clock, systemClock } from './clock';
import { createInviteService, type InviteService } from './invite-service';
import { createOtpService, type OtpService } from './otp-service';
import { createRateLimiter } from './rate-limiter';
import { requireUser } from './require-user';
import { createSessionService, type SessionService } from './session-service';
import type { SmsGateway } from './sms-gateway';
import { createStaffLoginService, type StaffLoginService } from './staff-login';

export interface AuthOptions {
  readonly store: IdentityStore;
  /** From loadAuthSecret: keys the HMACs over codes and rate-limit subjects. */
  readonly secret: Uint8Array;
  readonly sms: SmsGateway;
  readonly log: Log;
  readonly clock?: Clock;
  /** TRUST_PROXY: take the client address from the last X-Forwarded-For entry. */
  readonly trustProxy?: boolean;
  /** PUBLIC_ORIGIN for the CSRF check; derived from each request when unset. */
  readonly publicOrigin?: string | undefined;
  readonly limits?: Partial<AuthLimits>;
}

/** Everything sign-in needs, built once at startup and handed to the routes and middleware. */
export interface Auth {
  readonly store: IdentityStore;
  readonly log: Log;
  readonly clock: Clock;
  readonly publicOrigin: string | undefined;
  readonly otp: OtpService;
  readonly sessions: SessionService;
  readonly staffLogin: StaffLoginService;
  readonly invites: InviteService;
  readonly audit: Audit;
  clientIp(c: Context): string;
  /** `requireUser(kinds)` bound to these sessions. */
  requireUser(kinds?: readonly UserKind[]): MiddlewareHandler<AuthEnv>;
}

export function createAuth(options: AuthOptions): Auth {
  const clock = options.clock ?? systemClock;
  const limits: AuthLimits = { ...DEFAULT_AUTH_LIMITS, ...options.limits };
  const { store, secret, log } = options;
  const limiter = createRateLimiter(store, secret, clock);
  const sessions = createSessionService(store, clock);
  const trustProxy = options.trustProxy ?? false;
  return {
    store,
    log,
    clock,
    publicOrigin: options.publicOrigin,
    sessions,
    otp: createOtpService({ store, secret, sms: options.sms, clock, limiter, sessions, limits }),
    staffLogin: createStaffLoginService({ store, clock, limiter, sessions, limits }),
    invites: createInviteService({ store, secret, clock, limiter, limits }),
    audit: createAudit(store, clock),
    clientIp: (c) => clientIp(c, trustProxy),
    requireUser: (kinds) => requireUser({ sessions, clock, log }, kinds),
  };
}
