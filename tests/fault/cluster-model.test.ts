import fc from 'fast-check';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../scripts/cluster/start.mjs';
import type { PullResponse } from '../../src/shared/protocol';
import { CLIENT_ID_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { type FieldValue, sameValue } from '../../src/shared/record';
import { Caseworker, type StaffAnswer } from './harness/caseworker';
import { EDITABLE_PATHS, type EditablePath, uniqueValue } from './harness/citizen-workload';
import { randomDamageReport } from './harness/damage-report-fields';
import { freePort, sleep } from './harness/free-port';
import { Phone } from './harness/phone';
import { createFaultSchema } from './harness/postgres-schema';
import { seededRandom, suiteSeed } from './harness/seeded-random';
import { createAdmin, testPhoneNumber } from './harness/sign-in';

// Must show: "Through `npm run cluster`: 20 simulated clients and a caseworker editing concurrently
// with random offline windows (fast-check model-based): all converge to the server state; every
// value a client wrote is either applied or stored in a conflict; no pull skips a change."
//
// Why not fc.commands + fc.asyncModelRun: asyncModelRun runs one command at a time, and what can
// go wrong here only goes wrong concurrently — twenty phones' pushes, a caseworker's corrections
// and pulls committing out of order in three API processes behind nginx. So fast-check generates
// the whole scenario from the seed (each phone's program, the caseworker's program, when API
// processes are killed), the actors run it at once, and the model is checked at the end. The seed
// reproduces every choice; the interleaving is the machine's, as in production. Shrinking is off
// (endOnFailure): re-running a cluster scenario hundreds of times would not fit the time budget.

const PHONES = 20;
const COMMANDS_PER_PHONE = 60;
const CASEWORKER_COMMANDS = 240;
const API_KILLS = 5;
const RUN_DEADLINE_MS = 90_000;
const QUIET_DEADLINE_MS = 60_000;
const ADMIN_LOGIN = 'fault.admin';
const ADMIN_PASSWORD = 'fault-suite-admin-password-0123456789';

type PhoneCommand =
  | { readonly kind: 'submit' }
  | { readonly kind: 'edit'; readonly pick: number; readonly path: EditablePath }
  | { readonly kind: 'sync' }
  | { readonly kind: 'offline'; readonly ms: number }
  | { readonly kind: 'resolve'; readonly pick: number; readonly choice: 'server' | 'client' }
  | { readonly kind: 'pause'; readonly ms: number };

type CaseworkerCommand =
  | {
      readonly kind: 'correct';
      readonly pick: number;
      readonly hot: boolean;
      readonly path: EditablePath;
      readonly thinkMs: number;
    }
  | { readonly kind: 'status'; readonly pick: number; readonly hot: boolean; readonly final: boolean }
  | { readonly kind: 'pause'; readonly ms: number };

const phoneCommand: fc.Arbitrary<PhoneCommand> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'submit' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(1_000),
      path: fc.constantFrom(...EDITABLE_PATHS),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'sync' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('offline' as const), ms: fc.integer({ min: 200, max: 3_000 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      pick: fc.nat(1_000),
      choice: fc.constantFrom('server' as const, 'client' as const),
    }),
  },
  {
    weight: 5,
    // People are slow: between two actions there is time for others' edits to land.
    arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 50, max: 800 }) }),
  },
);

const caseworkerCommand: fc.Arbitrary<CaseworkerCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      pick: fc.nat(10_000),
      // Mostly a case the applicant is working on right now: that is where edits meet.
      hot: fc.boolean(),
      path: fc.constantFrom(...EDITABLE_PATHS),
      // Reading the record and typing the correction take a moment; the phone may edit meanwhile.
      thinkMs: fc.integer({ min: 0, max: 250 }),
    }),
  },
  {
    weight: 2,
    // Mostly moves along received → inReview ⇄ needsInformation; sometimes a final approval, after
    // which the phones' edits become amendments the office reviews.
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      pick: fc.nat(10_000),
      hot: fc.boolean(),
      final: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 5, max: 100 }) }),
  },
);

const scenarioArbitrary = fc.record({
  phones: fc.array(fc.array(phoneCommand, { minLength: COMMANDS_PER_PHONE, maxLength: COMMANDS_PER_PHONE }), {
    minLength: PHONES,
    maxLength: PHONES,
  }),
  caseworker: fc.array(caseworkerCommand, { minLength: CASEWORKER_COMMANDS, maxLength: CASEWORKER_COMMANDS }),
  apiKills: fc.array(
    fc.record({
      afterMs: fc.integer({ min: 500, max: 2_500 }),
      api: fc.nat(2),
      downMs: fc.integer({ min: 200, max: 1_500 }),
    }),
    { minLength: API_KILLS, maxLength: API_KILLS },
  ),
});
type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A value some phone wrote: an edit, or insisting on its own value in a conflict. */
interface PhoneWrite {
  readonly phone: number;
  readonly recordId: string;
  readonly path: string;
  readonly value: FieldValue;
  /** The phone's mutation id of the write (phones number their mutations 1, 2, 3, …). */
  readonly mutationId: number;
}

/** A caseworker correction that was applied (done) or may have been (no answer). */
interface OfficeWrite {
  readonly recordId: string;
  readonly path: string;
  readonly base: FieldValue;
  readonly value: FieldValue;
  readonly certain: boolean;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('20 phones and a caseworker through the nginx cluster', () => {
  it('converge, lose no written value, and never skip a change in a pull', async () => {
    const seed = suiteSeed('cluster-model');
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, (scenario) => runScenario(scenario, seed)),
      { seed, numRuns: 1, endOnFailure: true },
    );
  });
});

async function runScenario(scenario: Scenario, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const schema = await createFaultSchema();
  cleanups.push(() => schema.drop());
  // All 20 phones sign in from 127.0.0.1, like households behind one collective centre's Wi-Fi: the
  // per-address code limit is raised the way such a deployment would (API processes inherit it).
  process.env.AUTH_CODES_PER_IP_PER_HOUR = '1000';
  const cluster: Cluster = await startCluster({
    databaseUrl: schema.connectionString,
    proxyPort: await freePort(),
    apiPorts: [await freePort(), await freePort(), await freePort()],
    logLevel: 'error',
    stdio: 'pipe',
  });
  cleanups.push(() => cluster.stop());
  const db = new pg.Client({ connectionString: schema.connectionString });
  await db.connect();
  cleanups.push(() => db.end());

  const violations: string[] = [];
  const figures = {
    phoneMutations: 0,
    edits: 0,
    offlineWindows: 0,
    syncRounds: 0,
    failedSyncRounds: 0,
    resolutions: 0,
    officeCorrections: 0,
    officeConflicts409: 0,
    officeStatusChanges: 0,
    officeUnknownOutcomes: 0,
    apiKills: 0,
    observerPages: 0,
  };

  // --- the phones and what they wrote ---------------------------------------------------------
  const phones = Array.from({ length: PHONES }, (_, index) => {
    const phone = new Phone(`p${index + 1}`, cluster.url);
    cleanups.push(() => phone.close());
    return phone;
  });
  const clientIds = await Promise.all(phones.map((phone) => phone.clientId()));
  // Each phone is its own person, signed in with the SMS code (one code per phone: the server
  // allows 20 code requests per address per hour, and all of us are 127.0.0.1 behind nginx).
  for (const [index, phone] of phones.entries()) {
    await phone.signIn({ phoneNumber: testPhoneNumber(index), dataDir: cluster.dataDir });
  }
  const recordsOf = phones.map(() => [] as string[]);
  const mutationsOf = phones.map(() => 0);
  const writes: PhoneWrite[] = [];
  const officeWrites: OfficeWrite[] = [];
  /** The status the office last set (or saw) per record; a phone can never change it. */
  const officeStatus = new Map<string, string>();
  // Per phone: the highest version each record had in a pull; versions never go back.
  const seenVersions = phones.map(() => new Map<string, number>());
  phones.forEach((phone, index) => {
    phone.onPullPage = (page) => notePage(page, seenVersions[index]!, `phone ${index + 1}`);
  });
  function notePage(page: PullResponse, seen: Map<string, number>, who: string): void {
    for (const change of page.changes) {
      const before = seen.get(change.recordId) ?? 0;
      if (change.version < before) {
        violations.push(
          `${who}: record ${change.recordId} went back from version ${before} to ${change.version}`,
        );
      }
      seen.set(change.recordId, Math.max(before, change.version));
    }
  }

  const phoneRandoms = phones.map((_, index) => random.fork(`phone-values-${index}`));
  const counters = phones.map(() => 0);
  async function submit(index: number): Promise<void> {
    const recordId = await phones[index]!.submit(
      randomDamageReport(phoneRandoms[index]!, `p${index + 1} №${recordsOf[index]!.length + 1}`),
    );
    recordsOf[index]!.push(recordId);
    mutationsOf[index]!++;
  }

  // Everybody starts with two delivered reports, so the office has something to work on.
  await Promise.all(
    phones.map(async (phone, index) => {
      await submit(index);
      await submit(index);
      await phone.syncUntilQuiet({ deadline: Date.now() + QUIET_DEADLINE_MS, random: phoneRandoms[index]! });
    }),
  );

  const started = Date.now();
  const runDeadline = started + RUN_DEADLINE_MS;
  let phonesDone = 0;

  async function runPhone(index: number, program: readonly PhoneCommand[]): Promise<void> {
    const phone = phones[index]!;
    for (const command of program) {
      if (Date.now() > runDeadline) throw new Error(`phone ${index + 1} ran past the deadline`);
      switch (command.kind) {
        case 'submit':
          await submit(index);
          break;
        case 'edit': {
          const recordId = recordsOf[index]![command.pick % recordsOf[index]!.length]!;
          const value = uniqueValue(command.path, index, ++counters[index]!, phone.name);
          await phone.edit(recordId, { [command.path]: value });
          mutationsOf[index]!++;
          writes.push({ phone: index, recordId, path: command.path, value, mutationId: mutationsOf[index]! });
          recentlyEdited.push(recordId);
          if (recentlyEdited.length > 12) recentlyEdited.shift();
          figures.edits++;
          break;
        }
        case 'sync':
          figures.syncRounds++;
          if (!(await phone.trySync())) figures.failedSyncRounds++;
          break;
        case 'offline':
          // The person keeps working; only the network is gone until the window ends.
          phone.offlineUntil = Date.now() + command.ms;
          figures.offlineWindows++;
          break;
        case 'resolve': {
          const open = (await phone.records()).flatMap((record) =>
            (record.server?.conflicts ?? [])
              .filter((conflict) => !(record.resolvingConflicts ?? []).includes(conflict.conflictId))
              .map((conflict) => ({ record, conflict })),
          );
          if (open.length === 0) break;
          const { record, conflict } = open[command.pick % open.length]!;
          await phone.resolve(record.id, conflict.conflictId, command.choice);
          mutationsOf[index]!++;
          figures.resolutions++;
          if (command.choice === 'client') {
            writes.push({
              phone: index,
              recordId: record.id,
              path: conflict.path,
              value: conflict.client,
              mutationId: mutationsOf[index]!,
            });
          }
          break;
        }
        case 'pause':
          await sleep(command.ms);
          break;
      }
    }
    phonesDone++;
  }

  // --- the caseworker -------------------------------------------------------------------------
  // An administrator made with the admin CLI on the cluster's database, signed in through nginx.
  createAdmin({
    dataDir: cluster.dataDir,
    databaseUrl: cluster.databaseUrl,
    login: ADMIN_LOGIN,
    password: ADMIN_PASSWORD,
  });
  const caseworker = new Caseworker(cluster.url);
  await caseworker.signIn(ADMIN_LOGIN, ADMIN_PASSWORD);
  const allRecords = () => recordsOf.flat();
  const recentlyEdited: string[] = [];
  const officeValues = random.fork('office-values');
  let officeCounter = 0;
  async function learnStatus(recordId: string): Promise<StaffAnswer> {
    const answer = await caseworker.read(recordId);
    if (answer.kind === 'done') officeStatus.set(recordId, answer.record.status);
    return answer;
  }
  async function runCaseworker(program: readonly CaseworkerCommand[]): Promise<void> {
    for (const command of program) {
      if (phonesDone === PHONES || Date.now() > runDeadline) return;
      if (command.kind === 'pause') {
        await sleep(command.ms);
        continue;
      }
      const records = command.hot && recentlyEdited.length > 0 ? recentlyEdited : allRecords();
      const recordId = records[command.pick % records.length]!;
      const loaded = await learnStatus(recordId);
      if (loaded.kind !== 'done') continue; // not delivered yet, or the request was lost
      if (command.kind === 'correct') {
        // A correction against the value the office loaded; 409 means the applicant changed it
        // since: re-read and try once more against the new value.
        for (let attempt = 0; attempt < 2; attempt++) {
          const current = attempt === 0 ? loaded : await caseworker.read(recordId);
          if (current.kind !== 'done') break;
          await sleep(command.thinkMs);
          const base = current.record.fields[command.path] ?? null;
          const value = uniqueValue(
            command.path,
            90 + (officeCounter % 9),
            ++officeCounter,
            `офіс-${officeValues.int(0, 9)}`,
          );
          const answer = await caseworker.correct(recordId, command.path, base, value);
          if (answer.kind === 'done') {
            officeWrites.push({ recordId, path: command.path, base, value, certain: true });
            figures.officeCorrections++;
            break;
          }
          if (answer.kind === 'unknown') {
            officeWrites.push({ recordId, path: command.path, base, value, certain: false });
            figures.officeUnknownOutcomes++;
            break;
          }
          if (answer.error === 'field.conflict') {
            figures.officeConflicts409++;
            continue;
          }
          // e.g. 409 for a record the office already decided: nothing was written.
          break;
        }
      } else {
        const status = loaded.record.status;
        const next = command.final
          ? status === 'approved'
            ? undefined
            : 'approved'
          : status === 'received' || status === 'needsInformation'
            ? 'inReview'
            : status === 'inReview'
              ? 'needsInformation'
              : undefined;
        if (next === undefined) continue;
        const answer = await caseworker.setStatus(recordId, next);
        if (answer.kind === 'done') {
          officeStatus.set(recordId, answer.record.status);
          figures.officeStatusChanges++;
        } else {
          if (answer.kind === 'unknown') figures.officeUnknownOutcomes++;
          await learnStatus(recordId);
        }
      }
    }
  }

  // --- API processes die and come back (nginx sends their requests elsewhere) ------------------
  async function runApiKills(kills: Scenario['apiKills']): Promise<void> {
    for (const kill of kills) {
      await sleep(kill.afterMs);
      if (phonesDone === PHONES) return;
      const api = cluster.apis[kill.api]!;
      await api.kill9();
      figures.apiKills++;
      await sleep(kill.downMs);
      await api.start();
    }
  }

  // --- observers: read the change feed of two phones' clients while everything happens --------
  let running = true;
  const observed = [0, 1].map((index) => ({
    index,
    clientId: clientIds[index]!,
    limit: index === 0 ? 1 : 7,
    cursor: '',
    seen: new Map<string, number>(),
    /** With limit 1 every non-empty page is exactly one change-log row: its seq, in order. */
    rows: [] as string[],
  }));
  async function observePage(observer: (typeof observed)[number]): Promise<boolean> {
    const response = await fetch(
      `${cluster.url}/api/sync/pull?after=${encodeURIComponent(observer.cursor)}&limit=${observer.limit}`,
      {
        headers: {
          [CLIENT_ID_HEADER]: observer.clientId,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          // The observer reads as the same person (their session), from the same device id.
          cookie: phones[observer.index]!.cookie!,
        },
        signal: AbortSignal.timeout(15_000),
      },
    ).catch(() => undefined);
    if (response === undefined || !response.ok) {
      await response?.arrayBuffer();
      return false;
    }
    const page = (await response.json()) as PullResponse;
    figures.observerPages++;
    notePage(page, observer.seen, `observer (limit ${observer.limit}) of phone ${observer.index + 1}`);
    if (observer.limit === 1 && page.changes.length > 0) observer.rows.push(page.cursor.split(':')[1]!);
    observer.cursor = page.cursor;
    return page.hasMore;
  }
  async function runObserver(observer: (typeof observed)[number]): Promise<void> {
    const pace = random.fork(`observer-${observer.index}`);
    while (running) {
      while (running && (await observePage(observer))) {
        // drain what is there
      }
      await sleep(pace.int(20, 150));
    }
  }

  // --- run everything at once -------------------------------------------------------------------
  const observers = observed.map((observer) => runObserver(observer));
  await Promise.all([
    ...scenario.phones.map((program, index) => runPhone(index, program)),
    runCaseworker(scenario.caseworker),
    runApiKills(scenario.apiKills),
  ]);
  const runMs = Date.now() - started;
  for (const api of cluster.apis) if (!api.running) await api.start();

  // --- everybody syncs until quiet: until each phone's records are the server's -----------------
  const quietDeadline = Date.now() + QUIET_DEADLINE_MS;
  const readServerRecords = async () =>
    new Map(
      (
        await db.query<{ record_id: string; version: number; fields: Record<string, FieldValue> }>(
          'SELECT record_id, version, fields FROM records',
        )
      ).rows.map((row) => [row.record_id, row]),
    );
  for (const phone of phones) phone.offlineUntil = 0;
  const converged = await Promise.all(
    phones.map((phone, index) =>
      phone.syncUntilConverged({
        deadline: quietDeadline,
        random: phoneRandoms[index]!,
        serverRecords: readServerRecords,
      }),
    ),
  );
  running = false;
  await Promise.all(observers);
  // The observers read on until they have caught up with everything written (held-back rows
  // included, see syncUntilConverged); the checks below say whether they saw all of it.
  const finalVersions = await readServerRecords();
  for (const observer of observed) {
    while (Date.now() < quietDeadline) {
      while (await observePage(observer)) {
        // drain
      }
      const logged = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM change_log WHERE client_id = $1',
        [observer.clientId],
      );
      const behind =
        recordsOf[observer.index]!.some(
          (recordId) => observer.seen.get(recordId) !== finalVersions.get(recordId)?.version,
        ) ||
        (observer.limit === 1 && observer.rows.length < Number(logged.rows[0]!.n));
      if (!behind) break;
      await sleep(100);
    }
  }

  // --- the server's truth, read from PostgreSQL -------------------------------------------------
  const serverRecords = new Map(
    (
      await db.query<{
        record_id: string;
        client_id: string;
        version: number;
        status: string;
        fields: Record<string, FieldValue>;
      }>('SELECT record_id, client_id, version, status, fields FROM records')
    ).rows.map((row) => [row.record_id, row]),
  );
  const conflictRows = (
    await db.query<{ record_id: string; path: string; client: FieldValue; resolution: string | null }>(
      'SELECT record_id, path, client, resolution FROM conflicts',
    )
  ).rows;
  const amendmentRows = (
    await db.query<{ record_id: string; path: string; value: FieldValue }>(
      'SELECT record_id, path, value FROM amendments',
    )
  ).rows;

  // 1. Convergence: no phone has anything waiting, and each phone's view of each of its records
  //    is the server's: the same fields, version and open conflicts.
  expect(converged.every(Boolean), 'every phone converged before the deadline').toBe(true);
  for (const [index, phone] of phones.entries()) {
    expect(await phone.outboxSize(), `phone ${index + 1} outbox`).toBe(0);
    const lastMutation = await db.query<{ last_mutation_id: string }>(
      'SELECT last_mutation_id FROM clients WHERE client_id = $1',
      [clientIds[index]],
    );
    expect(Number(lastMutation.rows[0]?.last_mutation_id), `phone ${index + 1} mutations applied`).toBe(
      mutationsOf[index],
    );
    const local = await phone.records();
    expect(new Set(local.map((record) => record.id))).toEqual(new Set(recordsOf[index]));
    for (const record of local) {
      const server = serverRecords.get(record.id);
      expect(server?.client_id).toBe(clientIds[index]);
      expect(record.data, `phone ${index + 1} record ${record.id} fields`).toEqual(server?.fields);
      expect(record.server?.version).toBe(server?.version);
      const openOnServer = conflictRows.filter(
        (row) => row.record_id === record.id && row.resolution === null,
      ).length;
      expect(record.server?.conflicts.length ?? 0).toBe(openOnServer);
    }
  }
  figures.phoneMutations = mutationsOf.reduce((sum, count) => sum + count, 0);

  // 2. No value a phone wrote vanished without a trace. Each write W (value v on path p of record
  //    r, mutation m of phone P) must be accounted for by one of:
  //    a. v is the server's value of p now (applied, and still there);
  //    b. a conflict row of (r, p) keeps v as the client's value (the office had changed p; the
  //       person sees both and decides — resolved or not, the row stays);
  //    c. an amendment row of (r, p) keeps v (the record was decided; the office reviews it);
  //    d. P itself wrote p of r again later (a higher mutation id): the person replaced it;
  //    e. the office replaced it knowingly: a correction of (r, p) whose base was v (it loaded v
  //       and changed it; corrections against any other base are refused with 409).
  //    Values are unique per write, so "v is there" can only mean W put it there.
  const lost: string[] = [];
  for (const write of writes) {
    const server = serverRecords.get(write.recordId);
    const applied = server !== undefined && sameValue(server.fields[write.path], write.value);
    const inConflict = conflictRows.some(
      (row) =>
        row.record_id === write.recordId && row.path === write.path && sameValue(row.client, write.value),
    );
    const inAmendment = amendmentRows.some(
      (row) =>
        row.record_id === write.recordId && row.path === write.path && sameValue(row.value, write.value),
    );
    const rewrittenByPhone = writes.some(
      (later) =>
        later.phone === write.phone &&
        later.recordId === write.recordId &&
        later.path === write.path &&
        later.mutationId > write.mutationId,
    );
    const replacedByOffice = officeWrites.some(
      (office) =>
        office.recordId === write.recordId &&
        office.path === write.path &&
        sameValue(office.base, write.value),
    );
    if (!(applied || inConflict || inAmendment || rewrittenByPhone || replacedByOffice)) {
      lost.push(
        `phone ${write.phone + 1} wrote ${JSON.stringify(write.value)} to ${write.path} of ${write.recordId}`,
      );
    }
  }
  expect(lost, 'values written by phones that vanished').toEqual([]);

  // 3. Only the office changes the status: each record's status is the last one the office set or saw.
  for (const [recordId, status] of officeStatus) expect(serverRecords.get(recordId)?.status).toBe(status);

  // 4. No pull skipped a change. Each phone saw, in its own pulls, the final version of every one
  //    of its records (and versions only went up: checked on every page). The limit-7 observer too.
  for (const [index] of phones.entries()) {
    for (const recordId of recordsOf[index]!) {
      expect(seenVersions[index]!.get(recordId), `phone ${index + 1} pulled the last version`).toBe(
        serverRecords.get(recordId)?.version,
      );
    }
  }
  for (const observer of observed) {
    for (const recordId of recordsOf[observer.index]!) {
      expect(observer.seen.get(recordId), `observer of phone ${observer.index + 1}`).toBe(
        serverRecords.get(recordId)?.version,
      );
    }
  }
  //    The limit-1 observer read the feed one change-log row per page, through nginx and three
  //    processes, while the rows were being written: it must have seen every row of its client
  //    exactly once, in the order the cursor hands them out.
  const rowObserver = observed[0]!;
  const logRows = await db.query<{ seq: string }>(
    'SELECT seq::text AS seq FROM change_log WHERE client_id = $1',
    [rowObserver.clientId],
  );
  expect(new Set(rowObserver.rows).size, 'a change-log row was served twice').toBe(rowObserver.rows.length);
  expect(rowObserver.rows.length).toBe(logRows.rows.length);
  expect(new Set(rowObserver.rows)).toEqual(new Set(logRows.rows.map((row) => row.seq)));

  expect(violations).toEqual([]);

  const conflictsTotal = conflictRows.length;
  // Pushes nginx sent to a second process after the first failed (killed mid-request or refusing).
  const movedOn = cluster
    .nginxAccessLog()
    .split('\n')
    .filter((line) => line.includes('/api/sync/') && /upstream=[^ ]+, /.test(line));
  console.log(
    `[fault] cluster-model ${JSON.stringify({
      seed,
      phones: PHONES,
      records: serverRecords.size,
      ...figures,
      conflictsStored: conflictsTotal,
      conflictsOpenAtEnd: conflictRows.filter((row) => row.resolution === null).length,
      amendments: amendmentRows.length,
      writesChecked: writes.length,
      changeLogRowsObserved: rowObserver.rows.length,
      pushesNginxMovedToAnotherProcess: movedOn.filter((line) => line.includes('/api/sync/push')).length,
      pullsNginxMovedToAnotherProcess: movedOn.filter((line) => line.includes('/api/sync/pull')).length,
      runMs,
    })}`,
  );
}
