import { type FieldMap, type FieldValue, sameValue } from '../record/field-value';
import { type Actor, type FieldPolicy, isFrozenAfterSubmit, mayWrite } from './field-policy';

/** One field edit as made on a device: the value it saw (`base`) and the value it wants. */
export interface FieldChange {
  readonly path: string;
  readonly base: FieldValue;
  readonly value: FieldValue;
}

export interface FieldConflict {
  readonly path: string;
  readonly base: FieldValue;
  readonly server: FieldValue;
  readonly client: FieldValue;
}

export interface MergeOutcome {
  /** The record's fields after the merge. */
  readonly next: Record<string, FieldValue>;
  /** Paths whose value is now the one the writer asked for (including ones that already had it). */
  readonly applied: readonly string[];
  /** Both sides changed the path differently: the current value stays, the writer's is kept here. */
  readonly conflicts: readonly FieldConflict[];
  /** Not the writer's to change; nothing was written. */
  readonly rejected: readonly { readonly path: string; readonly reason: string }[];
  /** Frozen after submission: kept as a request for the office instead of being refused. */
  readonly amendments: readonly FieldChange[];
}

/**
 * Three-way merge per field against the base the writer edited from:
 * current equals the wanted value → nothing to do; current equals base → take the writer's value;
 * otherwise both sides changed it → keep current and record a conflict (base, current, wanted) that a
 * person resolves. Unlike last-writer-wins, no value is ever dropped without a trace.
 */
export function mergeFields(input: {
  readonly current: FieldMap;
  readonly changes: readonly FieldChange[];
  readonly actor: Actor;
  readonly policy: FieldPolicy;
  readonly submitted: boolean;
}): MergeOutcome {
  const next: Record<string, FieldValue> = { ...input.current };
  const applied: string[] = [];
  const conflicts: FieldConflict[] = [];
  const rejected: { path: string; reason: string }[] = [];
  const amendments: FieldChange[] = [];

  for (const change of input.changes) {
    if (!mayWrite(input.policy, change.path, input.actor)) {
      rejected.push({
        path: change.path,
        reason: input.actor === 'citizen' ? 'field.officeOwned' : 'field.citizenOwned',
      });
      continue;
    }
    const server = next[change.path] ?? null;
    if (sameValue(server, change.value)) {
      applied.push(change.path);
      continue;
    }
    if (!sameValue(server, change.base)) {
      conflicts.push({ path: change.path, base: change.base, server, client: change.value });
      continue;
    }
    if (input.actor === 'citizen' && input.submitted && isFrozenAfterSubmit(input.policy, change.path)) {
      amendments.push(change);
      continue;
    }
    next[change.path] = change.value;
    applied.push(change.path);
  }
  return { next, applied, conflicts, rejected, amendments };
}
