import { afterEach, describe, expect, it } from 'vitest';
import { PUSH_MAX_MUTATIONS } from '../../src/shared/protocol';
import { ApiProcess } from './harness/api-process';
import { CitizenWorkload } from './harness/citizen-workload';
import { freePort } from './harness/free-port';
import { Killer } from './harness/killer';
import { Phone, type PushAttempt } from './harness/phone';
import { seededRandom, suiteSeed } from './harness/seeded-random';
import { openServerRows, type ServerRows } from './harness/server-rows';
import { testPhoneNumber } from './harness/sign-in';
import { freshStore, STORE_KINDS } from './harness/store-target';

// Must show: "Kill -9 the API during batch writes on SQLite and on PostgreSQL: integrity check
// passes, every mutation that got a 2xx is present."

const PHONES = 4;
// Enough full batches per phone (about 7.5) that the crashes land on many different pushes.
const MUTATIONS_PER_PHONE = Math.ceil(7.5 * PUSH_MAX_MUTATIONS);
const MIN_KILLS = 10;
const MAX_KILLS = 40;
const DEADLINE_MS = 150_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe.each(STORE_KINDS)('kill -9 during batch writes (%s)', (kind) => {
  it('after every crash the database is intact and holds every acknowledged mutation', async () => {
    const seed = suiteSeed(`kill-during-batch-writes/${kind}`);
    const random = seededRandom(seed);
    const store = await freshStore(kind);
    cleanups.push(() => store.dispose());
    const api = new ApiProcess({ store: store.target, port: await freePort(), name: `API (${kind})` });
    cleanups.push(() => api.kill9());
    await api.start();

    const workloads = Array.from({ length: PHONES }, (_, index) => {
      const phone = new Phone(`writer${index + 1}`, api.url);
      cleanups.push(() => phone.close());
      return new CitizenWorkload(phone, index, random.fork(`writer${index + 1}`));
    });
    for (const workload of workloads) {
      await workload.phone.signIn({ phoneNumber: testPhoneNumber(workload.index), dataDir: api.dataDir });
    }
    // Everything is queued first, so every push is a full batch (PUSH_MAX_MUTATIONS: submissions and edits).
    for (const workload of workloads) {
      while (workload.mutations < MUTATIONS_PER_PHONE) await workload.step(0.3);
    }
    const clientIds = await Promise.all(workloads.map((workload) => workload.phone.clientId()));

    // Every mutation whose push got a 2xx, per client, at the time it was acknowledged.
    const acknowledged = clientIds.map(() => new Set<number>());
    const inFlight = new Set<PushAttempt>();
    const checks = { afterKill: 0, acknowledgedChecked: 0, inFlightAtKill: 0 };
    const problems: string[] = [];

    const verify = async (rows: ServerRows, when: string) => {
      const integrity = await rows.integrityProblems();
      if (integrity.length > 0) problems.push(`${when}: ${integrity.join('; ')}`);
      const present = await rows.recordIds();
      for (const [index, clientId] of clientIds.entries()) {
        const ids = [...acknowledged[index]!];
        const results = await rows.storedResults(clientId, ids);
        checks.acknowledgedChecked += ids.length;
        for (const id of ids) {
          const result = results.get(id);
          if (result === undefined)
            problems.push(`${when}: ${clientId} mutation ${id} acknowledged but not stored`);
          else if (result.status === 'rejected') problems.push(`${when}: mutation ${id} stored as rejected`);
          else if (!present.has(result.recordId)) problems.push(`${when}: record of mutation ${id} missing`);
        }
      }
    };

    // From the pushes that got an answer; no kills before the first one did.
    let typicalPushMs: number | undefined;
    const killer = new Killer(api, random.fork('killer'), {
      downMs: [10, 200],
      atKill: () => {
        if (inFlight.size > 0) checks.inFlightAtKill++;
      },
      // The database exactly as the crash left it (what the restarted server will open).
      whileDown: async (kill) => {
        checks.afterKill++;
        const rows = await openServerRows(store.target);
        try {
          await verify(rows, `after kill ${kill}`);
        } finally {
          await rows.close();
        }
      },
    });
    const killRandom = random.fork('kill-moments');
    // The push whose start armed the pending kill: if it fails before the kill (it never reached a
    // live server), the kill is called off and a later push becomes the target.
    let armedBy: { attempt: PushAttempt; cancel: () => boolean } | undefined;
    for (const [index, workload] of workloads.entries()) {
      workload.phone.onPushStart = (attempt) => {
        inFlight.add(attempt);
        // Often enough to reach the minimum, seldom enough that batches get through (and are
        // acknowledged) between crashes, so each crash is checked against a growing set of promises.
        if (typicalPushMs === undefined || killer.armed || killer.kills >= MAX_KILLS) return;
        // Batches are large (PUSH_MAX_MUTATIONS), so there are few pushes: every one is a target until
        // the minimum is reached, then fewer, so the queue drains between crashes.
        const chance = killer.kills < MIN_KILLS ? 1 : killer.kills < MIN_KILLS + 4 ? 0.7 : 0.1;
        if (!killRandom.chance(chance)) return;
        // Mid-request: somewhere within the time a full batch usually takes, or just after.
        armedBy = { attempt, cancel: killer.killAfter(Math.floor(killRandom.next() * typicalPushMs * 1.5)) };
      };
      workload.phone.onPushEnd = (attempt) => {
        inFlight.delete(attempt);
        if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
          for (const id of attempt.mutationIds) acknowledged[index]!.add(id);
          const took = attempt.endedAt! - attempt.startedAt;
          typicalPushMs = typicalPushMs === undefined ? took : 0.7 * typicalPushMs + 0.3 * took;
        } else if (attempt.status === undefined && armedBy?.attempt === attempt) {
          armedBy.cancel();
          armedBy = undefined;
        }
      };
    }

    const started = Date.now();
    const deadline = started + DEADLINE_MS;
    await Promise.all(
      workloads.map((workload) =>
        workload.phone.pushUntilEmpty({ deadline, random: random.fork(`retry-${workload.index}`) }),
      ),
    );
    await killer.stop();
    const elapsedMs = Date.now() - started;

    // One more crash at rest and a restart: the server must come up on what it left.
    await api.kill9();
    await api.start();
    await api.stop();
    const rows = await openServerRows(store.target);
    try {
      await verify(rows, 'at the end');
      const report = {
        store: kind,
        seed,
        mutations: PHONES * MUTATIONS_PER_PHONE,
        kills: killer.kills,
        killsWithPushInFlight: checks.inFlightAtKill,
        integrityChecks: checks.afterKill + 1,
        acknowledgedMutationsChecked: checks.acknowledgedChecked,
        pushRequests: workloads.reduce((sum, workload) => sum + workload.phone.pushes.length, 0),
        typicalPushMs: Math.round(typicalPushMs ?? 0),
        elapsedMs,
      };
      console.log(`[fault] kill-during-batch-writes ${JSON.stringify(report)}`);
      expect(problems).toEqual([]);
      expect(killer.kills).toBeGreaterThanOrEqual(MIN_KILLS);
      // In the end everything was acknowledged, and so everything is there, once.
      const states = await rows.recordStates();
      for (const [index, workload] of workloads.entries()) {
        expect(acknowledged[index]!.size).toBe(workload.mutations);
        expect(await rows.countMutations(clientIds[index]!)).toBe(workload.mutations);
        for (const [recordId, expected] of workload.expected()) {
          expect(states.get(recordId)?.version).toBe(1 + expected.edits);
          expect(states.get(recordId)?.fields).toMatchObject(expected.fields);
        }
        expect(await workload.phone.outboxSize()).toBe(0);
      }
      expect(states.size).toBe(workloads.reduce((sum, workload) => sum + workload.submitted.length, 0));
      expect(await rows.countConflicts()).toBe(0);
    } finally {
      await rows.close();
    }
  });
});
