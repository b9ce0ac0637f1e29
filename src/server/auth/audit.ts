import type { ActorKind, AuditEntryInput, IdentityStore, User } from '../identity-store';
import type { Clock } from './clock';

export type AuditActor = Pick<User, 'userId' | 'kind'> | 'system';

export type Audit = (
  actor: AuditActor,
  action: string,
  recordId: string | null,
  detail?: string | null,
) => Promise<void>;

// Shapes of personal data that must not end up in the log text: phone numbers, 10-digit tax
// numbers (RNOKPP), e-mail addresses, IBANs. Oblast codes (UA + 17 digits) do not match: there is
// no word boundary between the letters and the digits.
const PERSONAL = [/\+?\b(?:380|0)\d{9}\b/g, /\b\d{10}\b/g, /[^\s@]+@[^\s@]+\.[^\s@]+/g, /\bUA\d{27}\b/gi];

/** Replaces anything that looks like personal data, as a last line of defence behind callers that should never pass it. */
export function redactPersonalData(text: string): string {
  return PERSONAL.reduce((result, pattern) => result.replace(pattern, '[redacted]'), text);
}

export function auditEntry(
  actor: AuditActor,
  action: string,
  recordId: string | null,
  detail: string | null = null,
): AuditEntryInput {
  const actorKind: ActorKind = actor === 'system' ? 'system' : actor.kind;
  return {
    actorUserId: actor === 'system' ? null : actor.userId,
    actorKind,
    action,
    recordId,
    detail: detail === null ? null : redactPersonalData(detail),
  };
}

/** `audit(actor, action, recordId, detail)`: one append-only row; who, what, when, on which record. */
export function createAudit(store: IdentityStore, clock: Clock): Audit {
  return (actor, action, recordId, detail = null) =>
    store.appendAudit(auditEntry(actor, action, recordId, detail), clock());
}
