import { splitPath } from '../record/child-rows';

export type Owner = 'citizen' | 'caseworker' | 'shared';
export type Actor = 'citizen' | 'caseworker';

/**
 * Who may write which field of a service's records. Keys are top-level field names, or
 * `collection.field` for child rows (e.g. `household.birthDate`). Declared next to each service's
 * schema in src/shared/domain/.
 */
export interface FieldPolicy {
  readonly owners: Readonly<Record<string, Owner>>;
  readonly defaultOwner: Owner;
  /** Citizen changes to these after submission become amendments the office reviews. */
  readonly frozenAfterSubmit: readonly string[];
}

/** Fields every service has: the office's decision and its questions, the citizen's answers. */
export const CASE_FIELD_OWNERS: Readonly<Record<string, Owner>> = {
  status: 'caseworker',
  decisionReason: 'caseworker',
  officeNote: 'caseworker',
  'infoRequests._exists': 'caseworker',
  'infoRequests.question': 'caseworker',
  'infoRequests.askedAt': 'caseworker',
  'infoRequests.answer': 'citizen',
  'infoRequests.answeredAt': 'citizen',
};

export function policyKey(path: string): string {
  const parts = splitPath(path);
  return parts ? `${parts.collection}.${parts.field}` : path;
}

export function ownerOf(policy: FieldPolicy, path: string): Owner {
  const key = policyKey(path);
  return CASE_FIELD_OWNERS[key] ?? policy.owners[key] ?? policy.defaultOwner;
}

export function mayWrite(policy: FieldPolicy, path: string, actor: Actor): boolean {
  const owner = ownerOf(policy, path);
  return owner === 'shared' || owner === actor;
}

export function isFrozenAfterSubmit(policy: FieldPolicy, path: string): boolean {
  return policy.frozenAfterSubmit.includes(policyKey(path));
}
