// server: push ingest of the built server on SQLite and on PostgreSQL, beside the same records written
// through express-pouchdb's _bulk_docs. A load generator in a second process (autocannon) sends pre-built
// bodies of 100 records each, every request from a new client id with new record ids, so every record is
// new. Runs are interleaved across the three servers; all three run in this same process run.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDomain } from './lib/domain.mjs';
import { backendCpuDuring, prepareBenchDatabase } from './lib/postgres.mjs';
import { BENCH_DIR, cpuSeconds, startCouchServer, startLastivkaServer, tempDir } from './lib/processes.mjs';
import { describeRecords, makeDamageReports, seededRandom, seededUuid } from './lib/records.mjs';
import { benchPhoneNumber, signInCitizen, writeHeaders } from './lib/sign-in.mjs';
import { formatSummary, percentile, round, summary } from './lib/stats.mjs';
import { targetText, verdict } from './lib/targets.mjs';

const BATCH = 100;

function plan(smoke) {
  if (smoke) return { records: 100, batchesPerRun: 4, warmupBatches: 1, runs: 1, connections: 2 };
  return {
    records: 1000,
    batchesPerRun: 100,
    warmupBatches: 10,
    runs: Number(process.env.BENCH_RUNS ?? 3),
    connections: 4,
  };
}

/** `count` request bodies of 100 records each, cycling through the realistic records under new ids. */
function buildBodies(kind, records, count, seed, protocolVersion) {
  const random = seededRandom(seed);
  const bodies = [];
  let cursor = 0;
  for (let b = 0; b < count; b++) {
    const batch = [];
    for (let i = 0; i < BATCH; i++) {
      batch.push({ ...records[cursor % records.length], recordId: seededUuid(random) });
      cursor++;
    }
    if (kind === 'couch') {
      const docs = batch.map((r) => ({
        _id: r.recordId,
        service: r.service,
        reference: r.reference,
        capturedAt: r.capturedAt,
        ...r.fields,
      }));
      // What PouchDB itself sends: JSON, not compressed.
      bodies.push(Buffer.from(JSON.stringify({ docs })));
    } else {
      const json = JSON.stringify({
        protocolVersion,
        clientId: seededUuid(random),
        mutations: batch.map((r, index) => ({
          id: index + 1,
          type: 'record/submit',
          recordId: r.recordId,
          service: r.service,
          reference: r.reference,
          capturedAt: r.capturedAt,
          fields: r.fields,
        })),
      });
      // What the phone sends: gzip (CompressionStream uses zlib's default level).
      bodies.push(gzipSync(json));
    }
  }
  return bodies;
}

/**
 * The headers a phone's browser sends: it accepts gzip answers; ours adds the session cookie of the
 * signed-in person and what the CSRF guard asks of a write (Origin, x-lastivka-request).
 */
function headersFor(target) {
  const base = { 'content-type': 'application/json', 'accept-encoding': 'gzip' };
  return target.kind === 'couch'
    ? base
    : { ...base, 'content-encoding': 'gzip', cookie: target.cookie, ...writeHeaders(target.url) };
}

function pathFor(kind) {
  return kind === 'couch' ? '/bench/_bulk_docs' : '/api/sync/push';
}

/** One body sent with fetch and its answer checked, so a figure is never of rejected writes. */
async function checkOne(target, body) {
  const response = await fetch(`${target.url}${pathFor(target.kind)}`, {
    method: 'POST',
    headers: headersFor(target),
    body,
  });
  const answer = await response.json();
  if (target.kind === 'couch') {
    if (response.status !== 201 || !answer.every((item) => item.ok))
      throw new Error(`_bulk_docs refused: ${JSON.stringify(answer).slice(0, 300)}`);
  } else if (!response.ok || !answer.results.every((item) => item.status === 'applied')) {
    throw new Error(`push refused: ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

async function loadGenerator(target, bodies, connections) {
  const dir = tempDir('load');
  const bodiesFile = join(dir, 'bodies.bin');
  const offsets = [];
  let position = 0;
  for (const body of bodies) {
    offsets.push([position, position + body.byteLength]);
    position += body.byteLength;
  }
  writeFileSync(bodiesFile, Buffer.concat(bodies));
  const jobFile = join(dir, 'job.json');
  writeFileSync(
    jobFile,
    JSON.stringify({
      url: target.url,
      path: pathFor(target.kind),
      headers: headersFor(target),
      bodiesFile,
      offsets,
      connections,
    }),
  );
  const cpuBefore = target.cpu();
  const generate = () =>
    new Promise((resolve, reject) => {
      const child = spawn('node', [join(BENCH_DIR, 'lib/load-generator.mjs'), jobFile], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
      });
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`load generator exited ${code}`)),
      );
    });
  const { result: output, cpuSeconds: backendCpuSeconds } = target.backends
    ? await backendCpuDuring(generate, cpuSeconds)
    : { result: await generate(), cpuSeconds: 0 };
  const cpuAfter = target.cpu();
  rmSync(dir, { recursive: true, force: true });
  return { ...JSON.parse(output), cpuSeconds: cpuAfter - cpuBefore + backendCpuSeconds, backendCpuSeconds };
}

export async function run({ smoke = false } = {}) {
  const settings = plan(smoke);
  const domain = await loadDomain();
  const records = await makeDamageReports(settings.records);
  const databaseUrl = await prepareBenchDatabase();

  const sqlite = await startLastivkaServer({ staticDir: tempDir('nostatic') });
  const postgres = await startLastivkaServer({ databaseUrl, staticDir: tempDir('nostatic') });
  const couch = await startCouchServer();
  const targets = [
    {
      key: 'sqlite',
      name: 'Lastivka push → SQLite',
      kind: 'lastivka',
      url: sqlite.url,
      // Every request comes from a new device of the one signed-in person (each client id is bound
      // to them on its first push).
      cookie: await signInCitizen(sqlite, benchPhoneNumber(1)),
      cpu: () => cpuSeconds(sqlite.pid),
      cpuNote: 'server process',
    },
    {
      key: 'postgres',
      name: 'Lastivka push → PostgreSQL 15',
      kind: 'lastivka',
      url: postgres.url,
      cookie: await signInCitizen(postgres, benchPhoneNumber(2)),
      cpu: () => cpuSeconds(postgres.pid),
      // The backends serving this server's connections; the cluster's shared WAL writer and
      // checkpointer are left out (other databases on this machine use them too).
      backends: true,
      cpuNote: 'server process + its PostgreSQL backends',
    },
    {
      key: 'couch',
      name: 'express-pouchdb _bulk_docs (memory adapter)',
      kind: 'couch',
      url: couch.url,
      cpu: () => cpuSeconds(couch.pid),
      cpuNote: 'express-pouchdb process',
    },
  ];
  const samples = [];
  try {
    const created = await fetch(`${couch.url}/bench`, { method: 'PUT' });
    if (!created.ok) throw new Error(`could not create the CouchDB database: ${created.status}`);
    let seed = 7;
    for (const target of targets) {
      // Warm-up (JIT, connection pools, page cache), not measured; its first body is checked in full.
      const warm = buildBodies(
        target.kind,
        records,
        settings.warmupBatches + settings.connections + 1,
        seed++,
        domain.PROTOCOL_VERSION,
      );
      await checkOne(target, warm[0]);
      await loadGenerator(target, warm.slice(1), settings.connections);
    }
    for (let runIndex = 0; runIndex < settings.runs; runIndex++) {
      for (const target of targets) {
        const bodies = buildBodies(
          target.kind,
          records,
          settings.batchesPerRun + settings.connections,
          seed++,
          domain.PROTOCOL_VERSION,
        );
        const result = await loadGenerator(target, bodies, settings.connections);
        const ok = result.statusCodes[target.kind === 'couch' ? 201 : 200] ?? 0;
        const recordsWritten = ok * BATCH;
        samples.push({
          target: target.key,
          run: runIndex,
          batches: result.requests,
          okBatches: ok,
          statusCodes: result.statusCodes,
          errors: result.errors,
          timeouts: result.timeouts,
          records: recordsWritten,
          wallMs: result.wallMs,
          cpuSeconds: result.cpuSeconds,
          postgresBackendCpuSeconds: result.backendCpuSeconds,
          recordsPerSecond: recordsWritten / (result.wallMs / 1000),
          recordsPerCpuSecond: result.cpuSeconds > 0 ? recordsWritten / result.cpuSeconds : null,
          batchMsP50: percentile(result.responseTimes, 50),
          batchMsP95: percentile(result.responseTimes, 95),
          meanBodyBytes: bodies.reduce((sum, body) => sum + body.byteLength, 0) / bodies.length,
          responseTimes: result.responseTimes,
        });
      }
      if (!smoke) process.stdout.write('.');
    }
    if (!smoke) process.stdout.write('\n');
  } finally {
    await sqlite.stop();
    await postgres.stop();
    await couch.stop();
  }

  const figures = {};
  const rows = [];
  for (const target of targets) {
    const mine = samples.filter((s) => s.target === target.key);
    const figure = {
      name: target.name,
      cpuCounted: target.cpuNote,
      allAccepted: mine.every((s) => s.okBatches === s.batches && s.errors === 0),
      recordsPerSecond: summary(mine.map((s) => s.recordsPerSecond)),
      recordsPerCpuSecond: summary(mine.map((s) => s.recordsPerCpuSecond)),
      batchMsP50: summary(mine.map((s) => s.batchMsP50)),
      batchMsP95: summary(mine.map((s) => s.batchMsP95)),
      bodyBytesPerBatch: round(mine[0]?.meanBodyBytes ?? 0),
    };
    figures[target.key] = figure;
    rows.push({
      server: target.name,
      'records/s (wall, 2 cores shared)': formatSummary(figure.recordsPerSecond),
      'records/s per core (CPU)': formatSummary(figure.recordsPerCpuSecond),
      'p50 ms / batch': formatSummary(figure.batchMsP50, 1),
      'p95 ms / batch': formatSummary(figure.batchMsP95, 1),
      'KB / batch': round(figure.bodyBytesPerBatch / 1024, 1),
      'all accepted': figure.allAccepted ? 'yes' : 'NO',
      target:
        target.key === 'sqlite'
          ? `${targetText('serverRecordsPerCoreSecond')}: ${verdict('serverRecordsPerCoreSecond', figure.recordsPerCpuSecond.median)}`
          : '',
    });
  }
  console.log(
    `\nserver — ${settings.batchesPerRun} batches of ${BATCH} records per run over ${settings.connections} connections, medians of ${settings.runs} run(s) (min–max); per core = records ÷ CPU seconds of the server side`,
  );
  console.table(rows);
  return {
    figures,
    headline: {
      sqliteRecordsPerCoreSecond: round(figures.sqlite.recordsPerCpuSecond.median),
      sqliteVerdict: verdict('serverRecordsPerCoreSecond', figures.sqlite.recordsPerCpuSecond.median),
      postgresRecordsPerCoreSecond: round(figures.postgres.recordsPerCpuSecond.median),
      couchRecordsPerCoreSecond: round(figures.couch.recordsPerCpuSecond.median),
    },
    table: rows,
    settings: { ...settings, batchSize: BATCH },
    records: describeRecords(records),
    samples: samples.map(({ responseTimes, ...rest }) => ({
      ...rest,
      responseTimesMs: responseTimes,
    })),
  };
}
