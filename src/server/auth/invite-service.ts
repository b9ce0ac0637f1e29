import type { IdentityStore, User } from '../identity-store';
import { auditEntry } from './audit';
import { InviteInvalidError, InviteScopeError } from './auth-errors';
import type { AuthLimits } from './auth-limits';
import type { Clock } from './clock';
import { newInviteCode, normalizeInviteCode } from './invite-code';
import type { RateLimiter } from './rate-limiter';
import { hmacHex } from './secret-hash';

/** Long enough to reach a volunteer over a weekend, short enough that a lost note soon stops working. */
export const INVITE_LIFETIME_MS = 72 * 60 * 60 * 1000;

export interface CreatedInvite {
  readonly code: string;
  readonly expiresAt: Date;
  readonly oblast: string;
}

export interface InviteService {
  /** A caseworker's invite for one of their oblasts (the only one when they have one). Throws InviteScopeError. */
  create(caseworker: User, oblast?: string): Promise<CreatedInvite>;
  /** Makes a citizen a volunteer of the invite's oblast. Throws InviteInvalidError or RateLimitedError. */
  redeem(citizen: User, code: string): Promise<User>;
}

export function inviteCodeHash(secret: Uint8Array, normalizedCode: string): string {
  return hmacHex(secret, 'invite', normalizedCode);
}

export function createInviteService(deps: {
  readonly store: IdentityStore;
  readonly secret: Uint8Array;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly limits: AuthLimits;
}): InviteService {
  const { store, secret, clock, limiter, limits } = deps;
  return {
    async create(caseworker, requested) {
      if (caseworker.kind !== 'caseworker') throw new InviteScopeError();
      const oblast = requested ?? (caseworker.oblasts.length === 1 ? caseworker.oblasts[0] : undefined);
      if (oblast === undefined || !caseworker.oblasts.includes(oblast)) throw new InviteScopeError();
      const code = newInviteCode();
      const now = clock();
      const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
      const hash = inviteCodeHash(secret, code);
      await store.createInvite(
        { inviteCodeHash: hash, createdBy: caseworker.userId, oblast, expiresAt },
        now,
        // The record is the invite (by a prefix of its hash, which reveals nothing of the code).
        auditEntry(caseworker, 'invite.created', `invite:${hash.slice(0, 16)}`, `oblast=${oblast}`),
      );
      return { code, expiresAt, oblast };
    },

    async redeem(citizen, input) {
      await limiter.hit([{ name: 'invite.redeem', subject: citizen.userId, ...limits.inviteRedeemPerUser }]);
      const code = normalizeInviteCode(input);
      if (code === undefined || citizen.kind !== 'citizen') throw new InviteInvalidError();
      const hash = inviteCodeHash(secret, code);
      const user = await store.redeemInvite(
        hash,
        citizen.userId,
        clock(),
        auditEntry(citizen, 'invite.redeemed', `invite:${hash.slice(0, 16)}`, `user=${citizen.userId}`),
      );
      if (user === undefined) throw new InviteInvalidError();
      return user;
    },
  };
}
