import { afterEach, describe, expect, it } from 'vitest';
import { ApiProcess } from './harness/api-process';
import { CitizenWorkload } from './harness/citizen-workload';
import { FaultProxy } from './harness/fault-proxy';
import { freePort } from './harness/free-port';
import { Phone } from './harness/phone';
import { seededRandom, suiteSeed } from './harness/seeded-random';
import { openServerRows } from './harness/server-rows';
import { testPhoneNumber } from './harness/sign-in';
import { freshStore, STORE_KINDS } from './harness/store-target';

// Must show: "Lost acknowledgements: a small fault proxy between client and API drops 10% of
// responses after the server processed them and resets some connections: server rows = distinct
// client items."

const PHONES = 5;
const MUTATIONS_PER_PHONE = 200;
const DROP_RATE = 0.1;
const RESET_RATE = 0.05;
const DEADLINE_MS = 120_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe.each(STORE_KINDS)('lost acknowledgements (%s)', (kind) => {
  it(`${PHONES} phones × ${MUTATIONS_PER_PHONE} mutations through a proxy that loses answers`, async () => {
    const seed = suiteSeed(`lost-acknowledgements/${kind}`);
    const random = seededRandom(seed);
    const store = await freshStore(kind);
    cleanups.push(() => store.dispose());
    const api = new ApiProcess({ store: store.target, port: await freePort(), name: `API (${kind})` });
    cleanups.push(() => api.kill9());
    await api.start();
    const proxy = new FaultProxy({
      upstream: api.url,
      random: random.fork('proxy'),
      resetRate: RESET_RATE,
      dropRate: DROP_RATE,
    });
    const proxyUrl = await proxy.start();
    cleanups.push(() => proxy.close());

    const started = Date.now();
    const deadline = started + DEADLINE_MS;
    const workloads = Array.from({ length: PHONES }, (_, index) => {
      const phone = new Phone(`phone${index + 1}`, proxyUrl);
      cleanups.push(() => phone.close());
      return new CitizenWorkload(phone, index, random.fork(`phone${index + 1}`));
    });
    // Each phone is its own person; signing in goes through the proxy too (only pushes are harmed).
    for (const workload of workloads) {
      await workload.phone.signIn({ phoneNumber: testPhoneNumber(workload.index), dataDir: api.dataDir });
    }

    // Each person works in bursts of a few items and the phone syncs after each burst, as the app
    // does when a connection is there: many small pushes, so 10% of them is many lost answers.
    await Promise.all(
      workloads.map(async (workload) => {
        const burstRandom = random.fork(`bursts-${workload.index}`);
        while (workload.mutations < MUTATIONS_PER_PHONE) {
          const burst = Math.min(burstRandom.int(1, 8), MUTATIONS_PER_PHONE - workload.mutations);
          for (let i = 0; i < burst; i++) await workload.step(0.3);
          await workload.phone.syncUntilQuiet({ deadline, random: burstRandom });
        }
        await workload.phone.syncUntilQuiet({ deadline, random: burstRandom });
      }),
    );
    const elapsedMs = Date.now() - started;

    // Every phone ends with the server's view of its records (see syncUntilConverged on why a
    // quiet pull alone is not the end on PostgreSQL).
    const live = await openServerRows(store.target);
    try {
      await Promise.all(
        workloads.map((workload) =>
          workload.phone.syncUntilConverged({
            deadline,
            random: random.fork(`converge-${workload.index}`),
            serverRecords: () => live.recordStates(),
          }),
        ),
      );
    } finally {
      await live.close();
    }
    await api.stop();

    const rows = await openServerRows(store.target);
    try {
      const report = {
        store: kind,
        seed,
        phones: PHONES,
        mutations: PHONES * MUTATIONS_PER_PHONE,
        ...proxy.counts,
        phoneRetries: workloads.reduce((sum, workload) => sum + workload.phone.retries, 0),
        elapsedMs,
      };
      console.log(`[fault] lost-acknowledgements ${JSON.stringify(report)}`);
      expect(proxy.counts.drops).toBeGreaterThan(0);
      expect(proxy.counts.resets).toBeGreaterThan(0);

      // Server rows = distinct client items: every record once, nothing else.
      const allRecords = new Set(workloads.flatMap((workload) => workload.submitted));
      expect(allRecords.size).toBe(workloads.reduce((sum, workload) => sum + workload.submitted.length, 0));
      expect(await rows.recordIds()).toEqual(allRecords);
      expect(await rows.creations()).toEqual({ total: allRecords.size, distinctRecords: allRecords.size });
      // No edit was applied twice against a stale base (that would be a conflict) or lost.
      expect(await rows.countConflicts()).toBe(0);
      const states = await rows.recordStates();
      for (const workload of workloads) {
        const clientId = await workload.phone.clientId();
        expect(await rows.lastMutationId(clientId)).toBe(workload.mutations);
        expect(await rows.countMutations(clientId)).toBe(workload.mutations);
        const results = await rows.storedResults(
          clientId,
          Array.from({ length: workload.mutations }, (_, index) => index + 1),
        );
        expect([...results.values()].filter((result) => result.status !== 'applied')).toEqual([]);
        for (const [recordId, expected] of workload.expected()) {
          const state = states.get(recordId);
          expect(state?.clientId).toBe(clientId);
          // Each edit changed a value exactly once: version 1 at creation, +1 per edit.
          expect(state?.version, `version of ${recordId}`).toBe(1 + expected.edits);
          expect(state?.fields).toMatchObject(expected.fields);
        }
        expect(await workload.phone.outboxSize()).toBe(0);
        const local = await workload.phone.records();
        expect(local.filter((record) => record.state !== 'delivered')).toEqual([]);
        for (const record of local) expect(record.data).toEqual(states.get(record.id)?.fields);
      }
      expect(await rows.integrityProblems()).toEqual([]);
    } finally {
      await rows.close();
    }
  });
});
