// The phone side of the sync benchmark: runs in the page (so the page's CDP network emulation applies
// to every request) and drives (1) the app's own outbox and sync code from src/local on Dexie,
// (2) a request-per-record queue replayed the way Workbox background sync does, and (3) PouchDB
// replication, all against the same records. Node calls these through window.bench.
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import {
  enqueueMutation,
  openLocalDatabase,
  pullChanges,
  pushOutbox,
  WRITE_HEADERS,
} from '../../src/local/index.ts';
import { gzipBody } from '../../src/local/sync/gzip-body.ts';
import { PROTOCOL_VERSION } from '../../src/shared/protocol/index.ts';

/** Request bodies as sent (gzip bytes for ours, JSON text for PouchDB); response bytes come from CDP. */
const sent = { requests: 0, bodyBytes: 0 };

function bodyBytes(body) {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof Blob) return body.size;
  return new TextEncoder().encode(String(body)).byteLength;
}

function countingFetch(input, init = {}) {
  sent.requests++;
  sent.bodyBytes += bodyBytes(init.body);
  return fetch(input, init);
}

function resetCounters() {
  sent.requests = 0;
  sent.bodyBytes = 0;
}

const transport = { baseUrl: location.origin, fetch: countingFetch };

/** Puts the records in a fresh phone database exactly as submitRecord leaves them: queued, with their outbox mutations. */
async function setupOurs(dbName, records) {
  const db = openLocalDatabase(dbName);
  await db.open();
  const clientId = crypto.randomUUID();
  await db.meta.put({ key: 'clientId', value: clientId });
  // One transaction for the setup (it is not what is measured); the rows are what submitRecord writes.
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    for (const record of records) {
      const now = new Date(record.capturedAt);
      await enqueueMutation(
        db,
        {
          type: 'record/submit',
          recordId: record.recordId,
          service: record.service,
          reference: record.reference,
          capturedAt: record.capturedAt,
          fields: record.fields,
        },
        now,
      );
      await db.records.add({
        id: record.recordId,
        service: record.service,
        reference: record.reference,
        state: 'queued',
        data: record.fields,
        createdAt: record.capturedAt,
        updatedAt: record.capturedAt,
        submittedAt: record.capturedAt,
      });
    }
  });
  db.close();
  return clientId;
}

async function pushOurs(dbName) {
  const db = openLocalDatabase(dbName);
  await db.open();
  resetCounters();
  const start = performance.now();
  const { delivered } = await pushOutbox(db, transport);
  const ms = performance.now() - start;
  const left = await db.outbox.count();
  const delivereds = await db.records.where('state').equals('delivered').count();
  db.close();
  return { ms, delivered, left, recordsMarkedDelivered: delivereds, ...sent };
}

/** A fresh phone of the same person (same client id) brings every record back with the app's pull. */
async function pullOurs(dbName, clientId) {
  const db = openLocalDatabase(dbName);
  await db.open();
  await db.meta.put({ key: 'clientId', value: clientId });
  resetCounters();
  const start = performance.now();
  const { changes } = await pullChanges(db, transport);
  const ms = performance.now() - start;
  const stored = await db.records.count();
  db.close();
  return { ms, changes, stored, ...sent };
}

// (2) One request per record, replayed like workbox-background-sync's Queue.replayRequests: requests
// are kept in IndexedDB, then taken one at a time, sent, and deleted once the server answered.
function openQueue(name) {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ requests: '++id' });
  return db;
}

async function setupPerRecord(queueName, records) {
  const clientId = crypto.randomUUID();
  const db = openQueue(queueName);
  let mutationId = 1;
  const rows = [];
  for (const record of records) {
    const json = JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: mutationId++,
          type: 'record/submit',
          recordId: record.recordId,
          service: record.service,
          reference: record.reference,
          capturedAt: record.capturedAt,
          fields: record.fields,
        },
      ],
    });
    const { body, encoding } = await gzipBody(json);
    rows.push({ body, encoding });
  }
  await db.requests.bulkAdd(rows);
  db.close();
  return clientId;
}

async function replayPerRecord(queueName, limit = Number.POSITIVE_INFINITY) {
  const db = openQueue(queueName);
  await db.open();
  resetCounters();
  let delivered = 0;
  let failed = 0;
  const perRequestMs = [];
  const start = performance.now();
  for (let sentCount = 0; sentCount < limit; sentCount++) {
    const entry = await db.requests.orderBy('id').first();
    if (!entry) break;
    const t0 = performance.now();
    const headers = { 'content-type': 'application/json', ...WRITE_HEADERS };
    if (entry.encoding) headers['content-encoding'] = entry.encoding;
    const response = await countingFetch('/api/sync/push', {
      method: 'POST',
      headers,
      body: entry.body,
      credentials: 'same-origin',
    });
    const result = await response.json();
    if (response.ok && result.results?.[0]?.status === 'applied') delivered++;
    else failed++;
    await db.requests.delete(entry.id);
    perRequestMs.push(performance.now() - t0);
  }
  const ms = performance.now() - start;
  db.close();
  return { ms, delivered, failed, perRequestMs, ...sent };
}

// (3) PouchDB: the same records as documents in the browser's PouchDB (IndexedDB adapter), replicated
// to and from express-pouchdb with PouchDB's defaults (batches of 100, checkpoints).
function remote(url) {
  return new PouchDB(url, { fetch: (input, init) => countingFetch(input, init) });
}

async function setupPouch(localName, records) {
  const db = new PouchDB(localName);
  const docs = records.map((record) => ({
    _id: record.recordId,
    service: record.service,
    reference: record.reference,
    capturedAt: record.capturedAt,
    ...record.fields,
  }));
  const results = await db.bulkDocs(docs);
  await db.close();
  return results.filter((result) => result.ok).length;
}

async function replicate(source, target) {
  const start = performance.now();
  const info = await PouchDB.replicate(source, target);
  return { ms: performance.now() - start, info };
}

async function pushPouch(localName, remoteUrl) {
  const local = new PouchDB(localName);
  const target = remote(remoteUrl);
  // The remote database is created before the clock starts: a server would have it already.
  await target.info();
  resetCounters();
  const { ms, info } = await replicate(local, target);
  const out = { ms, docsWritten: info.docs_written, docsRead: info.docs_read, ok: info.ok, ...sent };
  await local.close();
  return out;
}

async function pullPouch(localName, remoteUrl) {
  const local = new PouchDB(localName);
  const source = remote(remoteUrl);
  resetCounters();
  const { ms, info } = await replicate(source, local);
  const stored = (await local.info()).doc_count;
  const out = { ms, docsWritten: info.docs_written, stored, ok: info.ok, ...sent };
  await local.close();
  return out;
}

// Sign-in as the /sign-in page does it: the page asks for a code, Node reads it from the server's SMS
// outbox file, the page sends it back and the browser keeps the session cookie.
async function authPost(path, body) {
  const response = await fetch(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...WRITE_HEADERS },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  return { status: response.status, text: await response.text() };
}

window.bench = {
  requestCode: (phone) => authPost('/otp/request', { phone }),
  verifyCode: (phone, code) => authPost('/otp/verify', { phone, code }),
  setupOurs,
  pushOurs,
  pullOurs,
  setupPerRecord,
  replayPerRecord,
  setupPouch,
  pushPouch,
  pullPouch,
};
document.getElementById('status').textContent = 'ready';
