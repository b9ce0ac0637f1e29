import type { Hono } from 'hono';
import { createApp } from '../../../src/server/app';
import { createAuth } from '../../../src/server/auth';
import type { IdentityStore } from '../../../src/server/identity-store';
import type { Store } from '../../../src/server/store/store';
import type { FieldValue } from '../../../src/shared/record';
import { LVIV_DAMAGE_FIELDS, submitMutation, VALID_FIELDS } from '../fixtures';
import {
  type Backend,
  countRows,
  createTestApp,
  KYIV,
  LVIV,
  memoryLog,
  openBackend,
  type Person,
  SECRET,
  type TableName,
  type TestApp,
} from './test-app';

// The people and records the route matrix and the fuzz tests act with: citizen A with a damage
// report in oblast X (Kyiv), citizen B with one in oblast Y (Lviv), a volunteer (invited by the
// caseworker of X) who collected one for somebody else in X, a caseworker of each oblast and an
// administrator.

export const ACTORS = [
  'anonymous',
  'citizenA',
  'citizenB',
  'volunteer',
  'caseworkerX',
  'caseworkerY',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/** Records by whose they are; `missing` is an id nobody has used. */
export const OBJECTS = ['recordOfA', 'recordOfB', 'recordOfVolunteer', 'missing'] as const;
export type RecordObject = (typeof OBJECTS)[number];
export type OwnedObject = Exclude<RecordObject, 'missing'>;
export const OWNED_OBJECTS: readonly OwnedObject[] = ['recordOfA', 'recordOfB', 'recordOfVolunteer'];

export interface World {
  readonly backend: Backend;
  readonly t: TestApp;
  readonly app: Hono;
  readonly people: Readonly<Record<Exclude<Actor, 'anonymous'>, Person>>;
  readonly recordIds: Readonly<Record<RecordObject, string>>;
  readonly references: Readonly<Record<OwnedObject, string>>;
  readonly owners: Readonly<Record<OwnedObject, Person>>;
  /** A caseworker nobody else uses, for the sign-in routes. */
  readonly spareStaffLogin: string;
  person(actor: Actor): Person | null;
  /** The stored record, everything hanging off it included. */
  stored(object: OwnedObject): ReturnType<Store['getRecord']>;
  /** Writes as the record's owner straight into the store (setup, outside the request under test). */
  ownerSetFields(
    object: OwnedObject,
    changes: { path: string; base: FieldValue; value: FieldValue }[],
  ): Promise<void>;
  dispose(): Promise<void>;
}

export async function createWorld(kind: Backend['kind']): Promise<World> {
  const backend = await openBackend(kind);
  const t = await createTestApp(backend);
  await t.createStaff('cw.x', 'caseworker', [KYIV]);
  await t.createStaff('cw.y', 'caseworker', [LVIV]);
  await t.createStaff('admin', 'admin');
  await t.createStaff('cw.spare', 'caseworker', [KYIV]);
  const caseworkerX = await t.signInStaff('cw.x');
  const people = {
    citizenA: await t.signInCitizen('+380501110001'),
    citizenB: await t.signInCitizen('+380501110002'),
    volunteer: await t.inviteVolunteer('+380501110003', caseworkerX),
    caseworkerX,
    caseworkerY: await t.signInStaff('cw.y'),
    admin: await t.signInStaff('admin'),
  };

  const submitted = async (person: Person, fields: Record<string, FieldValue>) => {
    const mutation = submitMutation(t.nextMutationId(person), { fields: { ...fields } });
    const response = await t.pushOk(person, [mutation]);
    if (response.results[0]?.status !== 'applied') throw new Error('setup submission was not applied');
    return mutation;
  };
  const ofA = await submitted(people.citizenA, VALID_FIELDS);
  const ofB = await submitted(people.citizenB, LVIV_DAMAGE_FIELDS);
  // Collected for somebody else: the subject's identity is in the record, the volunteer owns it.
  const ofVolunteer = await submitted(people.volunteer, {
    ...VALID_FIELDS,
    surname: 'Бондаренко',
    givenName: 'Галина',
  });

  const recordIds = {
    recordOfA: ofA.recordId,
    recordOfB: ofB.recordId,
    recordOfVolunteer: ofVolunteer.recordId,
    missing: crypto.randomUUID(),
  };
  const owners = {
    recordOfA: people.citizenA,
    recordOfB: people.citizenB,
    recordOfVolunteer: people.volunteer,
  };
  // Setup writes go through a device of the owner's own, so they never disturb the mutation ids
  // the requests under test use.
  const setupDevices = new Map<string, { clientId: string; next: number }>();

  return {
    backend,
    t,
    app: t.app,
    people,
    recordIds,
    references: {
      recordOfA: ofA.reference,
      recordOfB: ofB.reference,
      recordOfVolunteer: ofVolunteer.reference,
    },
    owners,
    spareStaffLogin: 'cw.spare',
    person: (actor) => (actor === 'anonymous' ? null : people[actor]),
    stored: (object) => backend.store.getRecord(recordIds[object], 'all'),
    async ownerSetFields(object, changes) {
      const owner = owners[object];
      const device = setupDevices.get(owner.user.userId) ?? { clientId: crypto.randomUUID(), next: 0 };
      device.next += 1;
      setupDevices.set(owner.user.userId, device);
      const outcome = await backend.store.applyPush(
        {
          clientId: device.clientId,
          userId: owner.user.userId,
          mutations: [{ id: device.next, type: 'record/setFields', recordId: recordIds[object], changes }],
        },
        new Date(),
      );
      if (!outcome.ok || outcome.response.results[0]?.status === 'rejected')
        throw new Error(`setup write refused: ${JSON.stringify(outcome)}`);
    },
    dispose: () => backend.dispose(),
  };
}

/** What nothing-changed compares: every table's row count and every record with all it carries. */
export interface WorldState {
  readonly counts: Record<TableName, number>;
  readonly records: Record<OwnedObject, string>;
}

export async function worldState(world: World): Promise<WorldState> {
  const records = {} as Record<OwnedObject, string>;
  for (const object of OWNED_OBJECTS) records[object] = JSON.stringify(await world.stored(object));
  return { counts: await countRows(world.backend), records };
}

/**
 * The /api routes the router knows, as `METHOD /path` (middleware and the catch-all 404 left
 * out), read from an app built on stand-in stores: registering routes touches no database.
 */
export function listApiRoutes(app?: Hono): string[] {
  const built =
    app ??
    createApp({
      store: {} as Store,
      log: memoryLog(),
      auth: createAuth({
        store: {} as IdentityStore,
        secret: SECRET,
        sms: { send: () => Promise.resolve() },
        log: memoryLog(),
      }),
    });
  const routes = built.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(routes)];
}
