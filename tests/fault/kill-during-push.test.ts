import { afterEach, describe, expect, it } from 'vitest';
import { ApiProcess } from './harness/api-process';
import { randomDamageReport } from './harness/damage-report-fields';
import { freePort } from './harness/free-port';
import { Killer } from './harness/killer';
import { Phone, type PushAttempt } from './harness/phone';
import { seededRandom, suiteSeed } from './harness/seeded-random';
import { openServerRows } from './harness/server-rows';
import { testPhoneNumber } from './harness/sign-in';
import { freshStore, STORE_KINDS } from './harness/store-target';

// Must show: "Kill -9 the API at random moments while a client pushes 1,000 mutations (at least 20
// kills), restart it, let the client retry: exactly 1,000 applied, none lost, none twice, outbox empty."

const RECORDS = 1_000;
const MIN_KILLS = 20;
const MAX_KILLS = 60;
const PUSH_DEADLINE_MS = 150_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe.each(STORE_KINDS)('kill -9 during pushes (%s)', (kind) => {
  it(`delivers ${RECORDS} submissions exactly once through at least ${MIN_KILLS} kills`, async () => {
    const seed = suiteSeed(`kill-during-push/${kind}`);
    const random = seededRandom(seed);
    const store = await freshStore(kind);
    cleanups.push(() => store.dispose());
    const api = new ApiProcess({ store: store.target, port: await freePort(), name: `API (${kind})` });
    cleanups.push(() => api.kill9());
    await api.start();

    const phone = new Phone('pusher', api.url);
    cleanups.push(() => phone.close());
    const clientId = await phone.clientId();
    await phone.signIn({ phoneNumber: testPhoneNumber(0), dataDir: api.dataDir });

    const enqueueStarted = Date.now();
    const recordIds = new Set<string>();
    const fieldsRandom = random.fork('fields');
    for (let i = 0; i < RECORDS; i++) {
      recordIds.add(await phone.submit(randomDamageReport(fieldsRandom, `запис ${i + 1}`)));
    }
    const enqueueMs = Date.now() - enqueueStarted;
    expect(await phone.outboxSize()).toBe(RECORDS);

    // Kills land at random moments of a push: before it arrives, while the body is read, inside
    // the transaction, between the commit and the answer, after the answer. The delay is drawn
    // uniformly from 0 to 0.9× the time pushes have been taking (1.5× once the minimum is
    // reached, so the later kills also land after answers).
    // While the server is dead, we read what the database kept of the batch that was in flight:
    // all of it or none of it, never a part.
    let inFlight: PushAttempt | undefined;
    let killedBatch: PushAttempt | undefined;
    const outcomes = { committedAckLost: 0, notCommitted: 0, noPushInFlight: 0, partial: 0 };
    // How long a push takes here, from the pushes that got an answer; undefined until the first
    // one did (no kills before that: a guessed duration would let the first batches through).
    let typicalPushMs: number | undefined;
    const killer = new Killer(api, random.fork('killer'), {
      downMs: [10, 250],
      atKill: () => {
        killedBatch = inFlight !== undefined && inFlight.endedAt === undefined ? inFlight : undefined;
      },
      whileDown: async () => {
        const batch = killedBatch;
        killedBatch = undefined;
        if (batch === undefined) {
          outcomes.noPushInFlight++;
          return;
        }
        const rows = await openServerRows(store.target);
        try {
          const last = await rows.lastMutationId(clientId);
          const first = batch.mutationIds[0]!;
          const final = batch.mutationIds.at(-1)!;
          if (last >= final) outcomes.committedAckLost += batch.status === undefined ? 1 : 0;
          else if (last < first) outcomes.notCommitted++;
          else outcomes.partial++;
        } finally {
          await rows.close();
        }
      },
    });
    const killRandom = random.fork('kill-moments');
    let cancelKill: (() => boolean) | undefined;
    phone.onPushStart = (attempt) => {
      inFlight = attempt;
      if (typicalPushMs === undefined || killer.armed || killer.kills >= MAX_KILLS) return;
      // Until the minimum (plus a margin) is reached every push is a target and the moment falls
      // within the time a push usually takes, so the batch rarely gets through; afterwards kills
      // become occasional and the outbox drains.
      const eager = killer.kills < MIN_KILLS + 5;
      if (!killRandom.chance(eager ? 1 : 0.3)) return;
      // Batches are large (PUSH_MAX_MUTATIONS), so a lucky batch that beats the kill ends the eager phase
      // early: eager kills fall in the first half of a typical push.
      const delay = Math.floor(killRandom.next() * typicalPushMs * (eager ? 0.5 : 1.5));
      cancelKill = killer.killAfter(delay);
    };
    phone.onPushEnd = (attempt) => {
      // A push that failed before its kill came (a kept-alive connection to the dead process, the
      // port not open yet) reached no live server: the kill is called off and the next push is
      // the target.
      if (attempt.status === undefined && cancelKill?.() === true) cancelKill = undefined;
      if (attempt.status === 200 && attempt.endedAt !== undefined) {
        const took = attempt.endedAt - attempt.startedAt;
        typicalPushMs = typicalPushMs === undefined ? took : 0.7 * typicalPushMs + 0.3 * took;
      }
      if (inFlight === attempt) inFlight = undefined;
    };

    const pushStarted = Date.now();
    await phone.pushUntilEmpty({ deadline: Date.now() + PUSH_DEADLINE_MS, random: random.fork('retry') });
    await killer.stop();
    const pushMs = Date.now() - pushStarted;
    phone.onPushStart = undefined;
    await api.stop();

    const rows = await openServerRows(store.target);
    try {
      const report = {
        store: kind,
        seed,
        records: RECORDS,
        kills: killer.kills,
        pushRequests: phone.pushes.length,
        pushesWithoutAnswer: phone.pushes.filter((attempt) => attempt.status === undefined).length,
        retries: phone.retries,
        killedBatchCommittedButUnacknowledged: outcomes.committedAckLost,
        killedBatchNotCommitted: outcomes.notCommitted,
        killWithNoPushInFlight: outcomes.noPushInFlight,
        enqueueMs,
        pushMs,
        typicalPushMs: Math.round(typicalPushMs ?? 0),
      };
      console.log(`[fault] kill-during-push ${JSON.stringify(report)}`);

      expect(killer.kills).toBeGreaterThanOrEqual(MIN_KILLS);
      expect(outcomes.partial, 'a batch was partly committed').toBe(0);
      // Exactly the phone's 1,000 records, each created once.
      expect(await rows.countRecords()).toBe(RECORDS);
      expect(await rows.recordIds()).toEqual(recordIds);
      expect(await rows.creations()).toEqual({ total: RECORDS, distinctRecords: RECORDS });
      expect(await rows.changeLog(clientId)).toEqual({ total: RECORDS, distinctRecords: RECORDS });
      // Every mutation id has exactly one stored result, and it says applied.
      expect(await rows.lastMutationId(clientId)).toBe(RECORDS);
      expect(await rows.countMutations(clientId)).toBe(RECORDS);
      const results = await rows.storedResults(
        clientId,
        Array.from({ length: RECORDS }, (_, index) => index + 1),
      );
      expect([...results.values()].filter((result) => result.status !== 'applied')).toEqual([]);
      expect(new Set([...results.values()].map((result) => result.recordId))).toEqual(recordIds);
      expect(await rows.integrityProblems()).toEqual([]);
      // The phone: nothing waiting, everything delivered.
      expect(await phone.outboxSize()).toBe(0);
      const states = (await phone.records()).map((record) => record.state);
      expect(states.filter((state) => state !== 'delivered')).toEqual([]);
      expect(states).toHaveLength(RECORDS);
    } finally {
      await rows.close();
    }
  });
});
