import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAMAGE_REPORT_POLICY } from '../../src/shared/domain';
import {
  type Actor,
  type FieldChange,
  type FieldPolicy,
  type MergeOutcome,
  mergeFields,
  ownerOf,
} from '../../src/shared/merge';
import { type FieldMap, type FieldValue, sameValue } from '../../src/shared/record';

const CHILD = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

/**
 * The table cases use their own policy so they read without looking up a service's (which changes as
 * forms grow): two shared fields, everything else the citizen's, one frozen field and one frozen
 * child-row field. CASE_FIELD_OWNERS (status, the office's questions) apply to every policy.
 */
const POLICY: FieldPolicy = {
  owners: { description: 'shared', oblast: 'shared' },
  defaultOwner: 'citizen',
  frozenAfterSubmit: ['propertyType', 'household.birthDate'],
};

function merge(
  current: FieldMap,
  changes: FieldChange[],
  options: { actor?: Actor; submitted?: boolean; policy?: FieldPolicy } = {},
): MergeOutcome {
  return mergeFields({
    current,
    changes,
    actor: options.actor ?? 'citizen',
    policy: options.policy ?? POLICY,
    submitted: options.submitted ?? true,
  });
}

const NOTHING = { applied: [], conflicts: [], rejected: [], amendments: [] };

describe('mergeFields: the three-way rule', () => {
  it('server unchanged since the base: takes the client value', () => {
    const outcome = merge({ description: 'base', oblast: 'o' }, [
      { path: 'description', base: 'base', value: 'client' },
    ]);
    expect(outcome).toEqual({
      ...NOTHING,
      next: { description: 'client', oblast: 'o' },
      applied: ['description'],
    });
  });

  it('client value already on the server: fine, nothing to do', () => {
    const outcome = merge({ description: 'same' }, [{ path: 'description', base: 'old', value: 'same' }]);
    expect(outcome).toEqual({ ...NOTHING, next: { description: 'same' }, applied: ['description'] });
  });

  it('both changed it differently: keeps the server value and records base, server and client', () => {
    const outcome = merge({ description: 'office' }, [
      { path: 'description', base: 'base', value: 'client' },
    ]);
    expect(outcome).toEqual({
      ...NOTHING,
      next: { description: 'office' },
      conflicts: [{ path: 'description', base: 'base', server: 'office', client: 'client' }],
    });
  });

  it('a missing field counts as null, for the base and for the wanted value', () => {
    expect(merge({}, [{ path: 'phone', base: null, value: '+380501234567' }]).next).toEqual({
      phone: '+380501234567',
    });
    expect(merge({}, [{ path: 'phone', base: 'x', value: null }]).applied).toEqual(['phone']);
    expect(merge({}, [{ path: 'phone', base: 'x', value: 'y' }]).conflicts).toEqual([
      { path: 'phone', base: 'x', server: null, client: 'y' },
    ]);
  });

  it('does not modify the current map it was given', () => {
    const current = { description: 'base' };
    merge(current, [{ path: 'description', base: 'base', value: 'client' }]);
    expect(current).toEqual({ description: 'base' });
  });
});

describe('mergeFields: ownership', () => {
  it.each([
    ['status'],
    ['decisionReason'],
    ['officeNote'],
    [`infoRequests/${CHILD}/question`],
    [`infoRequests/${CHILD}/_exists`],
  ])("office-owned %s from a citizen is rejected with 'field.officeOwned'", (path) => {
    const outcome = merge({ [path]: 'office' }, [{ path, base: 'office', value: 'citizen' }]);
    expect(outcome).toEqual({
      ...NOTHING,
      next: { [path]: 'office' },
      rejected: [{ path, reason: 'field.officeOwned' }],
    });
  });

  it.each([['propertyType'], ['phone'], [`infoRequests/${CHILD}/answer`], [`household/${CHILD}/name`]])(
    "citizen-owned %s from a caseworker is rejected with 'field.citizenOwned'",
    (path) => {
      const outcome = merge({ [path]: 'citizen' }, [{ path, base: 'citizen', value: 'office' }], {
        actor: 'caseworker',
      });
      expect(outcome).toEqual({
        ...NOTHING,
        next: { [path]: 'citizen' },
        rejected: [{ path, reason: 'field.citizenOwned' }],
      });
    },
  );

  it.each([['description'], ['oblast']])('shared %s may be written by both', (path) => {
    for (const actor of ['citizen', 'caseworker'] as const) {
      expect(merge({ [path]: 'a' }, [{ path, base: 'a', value: 'b' }], { actor }).next).toEqual({
        [path]: 'b',
      });
    }
  });

  it('the office may write its own fields', () => {
    const outcome = merge({ status: 'received' }, [{ path: 'status', base: 'received', value: 'inReview' }], {
      actor: 'caseworker',
    });
    expect(outcome.next).toEqual({ status: 'inReview' });
  });

  it('a rejection does not stop the other changes', () => {
    const outcome = merge({ status: 'received', description: 'a' }, [
      { path: 'status', base: 'received', value: 'approved' },
      { path: 'description', base: 'a', value: 'b' },
    ]);
    expect(outcome.next).toEqual({ status: 'received', description: 'b' });
    expect(outcome.applied).toEqual(['description']);
    expect(outcome.rejected).toEqual([{ path: 'status', reason: 'field.officeOwned' }]);
  });
});

describe('mergeFields: frozen after submission', () => {
  const change: FieldChange = { path: 'propertyType', base: 'apartment', value: 'house' };

  it('a citizen change to a frozen field after submission becomes an amendment', () => {
    const outcome = merge({ propertyType: 'apartment' }, [change]);
    expect(outcome).toEqual({ ...NOTHING, next: { propertyType: 'apartment' }, amendments: [change] });
  });

  it('child-row fields are frozen by their `collection.field` key', () => {
    const path = `household/${CHILD}/birthDate`;
    const rowChange = { path, base: '1990-01-01', value: '1991-01-01' };
    expect(merge({ [path]: '1990-01-01' }, [rowChange]).amendments).toEqual([rowChange]);
    const other = `household/${CHILD}/name`;
    expect(merge({ [other]: 'a' }, [{ path: other, base: 'a', value: 'b' }]).applied).toEqual([other]);
  });

  it('before submission the same change is simply taken', () => {
    expect(merge({ propertyType: 'apartment' }, [change], { submitted: false }).next).toEqual({
      propertyType: 'house',
    });
  });

  it('a frozen field already at the wanted value is applied, not an amendment', () => {
    expect(merge({ propertyType: 'house' }, [change])).toEqual({
      ...NOTHING,
      next: { propertyType: 'house' },
      applied: ['propertyType'],
    });
  });

  it('a frozen field the office changed meanwhile is a conflict first', () => {
    expect(merge({ propertyType: 'garden_house' }, [change]).conflicts).toEqual([
      { path: 'propertyType', base: 'apartment', server: 'garden_house', client: 'house' },
    ]);
  });
});

describe('mergeFields with DAMAGE_REPORT_POLICY', () => {
  it("the description is shared, the property type frozen, the status the office's", () => {
    const outcome = mergeFields({
      current: { description: 'base', propertyType: 'apartment', status: 'received' },
      changes: [
        { path: 'description', base: 'base', value: 'client' },
        { path: 'propertyType', base: 'apartment', value: 'house' },
        { path: 'status', base: 'received', value: 'approved' },
      ],
      actor: 'citizen',
      policy: DAMAGE_REPORT_POLICY,
      submitted: true,
    });
    expect(outcome.next).toEqual({ description: 'client', propertyType: 'apartment', status: 'received' });
    expect(outcome.amendments.map((change) => change.path)).toEqual(['propertyType']);
    expect(outcome.rejected).toEqual([{ path: 'status', reason: 'field.officeOwned' }]);
    const office = mergeFields({
      current: outcome.next,
      changes: [{ path: 'description', base: 'client', value: 'office' }],
      actor: 'caseworker',
      policy: DAMAGE_REPORT_POLICY,
      submitted: true,
    });
    expect(office.next.description).toBe('office');
  });
});

describe('mergeFields: lists', () => {
  it('compares arrays by value, not identity', () => {
    const current = { photos: ['a', 'b'] };
    const same = merge(current, [{ path: 'photos', base: ['x'], value: ['a', 'b'] }]);
    expect(same.applied).toEqual(['photos']);
    expect(same.conflicts).toEqual([]);

    const fromBase = merge(current, [{ path: 'photos', base: ['a', 'b'], value: ['a', 'b', 'c'] }]);
    expect(fromBase.next).toEqual({ photos: ['a', 'b', 'c'] });
  });

  it('order and length matter', () => {
    expect(
      merge({ photos: ['a', 'b'] }, [{ path: 'photos', base: ['b', 'a'], value: ['c'] }]).conflicts,
    ).toHaveLength(1);
    expect(
      merge({ photos: ['a', 'b'] }, [{ path: 'photos', base: ['a'], value: ['c'] }]).conflicts,
    ).toHaveLength(1);
    expect(merge({ photos: [] }, [{ path: 'photos', base: null, value: ['c'] }]).conflicts).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties. A small pool of paths and values makes bases, servers and clients collide often.

const PATHS = [
  'description', // shared
  'oblast', // shared
  'propertyType', // citizen, frozen after submission
  'phone', // citizen by default
  'status', // caseworker
  'officeNote', // caseworker
  `infoRequests/${CHILD}/question`, // caseworker
  `infoRequests/${CHILD}/answer`, // citizen
  `household/${CHILD}/name`, // citizen by default
] as const;

/** A second policy: shared by default, with frozen fields of every kind of owner. */
const OTHER_POLICY: FieldPolicy = {
  owners: { phone: 'caseworker', 'household.name': 'citizen' },
  defaultOwner: 'shared',
  frozenAfterSubmit: ['description', 'household.name', 'phone'],
};

const valueArb: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.constantFrom('a', 'b', 'c'),
  fc.integer({ min: 0, max: 2 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
);

const currentArb: fc.Arbitrary<Record<string, FieldValue>> = fc
  .array(fc.tuple(fc.constantFrom(...PATHS, 'unrelated'), valueArb))
  .map((entries) => Object.fromEntries(entries));

const scenarioArb = fc
  .record({
    current: currentArb,
    // One change per path, as a device sends them; `baseIsCurrent` makes "unchanged on the server" common.
    specs: fc.uniqueArray(
      fc.record({
        path: fc.constantFrom(...PATHS),
        base: valueArb,
        baseIsCurrent: fc.boolean(),
        value: valueArb,
      }),
      { selector: (spec) => spec.path, maxLength: PATHS.length },
    ),
    actor: fc.constantFrom<Actor>('citizen', 'caseworker'),
    submitted: fc.boolean(),
    policy: fc.constantFrom(POLICY, DAMAGE_REPORT_POLICY, OTHER_POLICY),
  })
  .map(({ current, specs, ...rest }) => ({
    ...rest,
    current,
    changes: specs.map(
      ({ path, base, baseIsCurrent, value }): FieldChange => ({
        path,
        base: baseIsCurrent ? (current[path] ?? null) : base,
        value,
      }),
    ),
  }));

describe('mergeFields: properties', () => {
  it('is idempotent: merging the same changes into the outcome changes nothing more', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const once = mergeFields(scenario);
        const twice = mergeFields({ ...scenario, current: once.next });
        expect(twice.next).toEqual(once.next);
      }),
    );
  });

  it('no client value vanishes: each change is applied, a conflict, rejected or an amendment — exactly one', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = mergeFields(scenario);
        for (const change of scenario.changes) {
          const kinds = [
            outcome.applied.includes(change.path) && sameValue(outcome.next[change.path], change.value),
            outcome.conflicts.some(
              (conflict) => conflict.path === change.path && sameValue(conflict.client, change.value),
            ),
            outcome.rejected.some((rejection) => rejection.path === change.path),
            outcome.amendments.some(
              (amendment) => amendment.path === change.path && sameValue(amendment.value, change.value),
            ),
          ];
          expect(kinds.filter(Boolean), JSON.stringify(change)).toHaveLength(1);
        }
        const accounted =
          outcome.applied.length +
          outcome.conflicts.length +
          outcome.rejected.length +
          outcome.amendments.length;
        expect(accounted).toBe(scenario.changes.length);
      }),
    );
  });

  it('caseworker-owned fields never change when the actor is a citizen (and citizen-owned ones not for the office)', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = mergeFields(scenario);
        const protectedOwner = scenario.actor === 'citizen' ? 'caseworker' : 'citizen';
        for (const path of new Set([...Object.keys(scenario.current), ...PATHS])) {
          if (ownerOf(scenario.policy, path) !== protectedOwner) continue;
          expect(path in outcome.next).toBe(path in scenario.current);
          expect(outcome.next[path]).toEqual(scenario.current[path]);
        }
      }),
    );
  });

  it('fields not mentioned in the changes never change, and none appear from nowhere', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = mergeFields(scenario);
        const mentioned = new Set(scenario.changes.map((change) => change.path));
        for (const [path, value] of Object.entries(scenario.current)) {
          if (!mentioned.has(path)) expect(outcome.next[path]).toBe(value);
        }
        for (const path of Object.keys(outcome.next)) {
          expect(path in scenario.current || mentioned.has(path), path).toBe(true);
        }
      }),
    );
  });

  it('a conflict keeps the server value it reports', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = mergeFields(scenario);
        for (const conflict of outcome.conflicts) {
          expect(sameValue(outcome.next[conflict.path], conflict.server)).toBe(true);
          expect(sameValue(scenario.current[conflict.path], conflict.server)).toBe(true);
        }
      }),
    );
  });
});
