// The load generator of the server benchmark, run as its own process so it does not share an event
// loop with what it measures. Sends each pre-built request body exactly once (autocannon, a fixed
// number of requests over N connections) and prints, as JSON, the wall time, the status codes and
// every response time.
//   node bench/lib/load-generator.mjs <job.json>
// job.json: { url, path, headers, bodiesFile, offsets: [[start, end], …], connections }
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const blob = readFileSync(job.bodiesFile);
const bodies = job.offsets.map(([start, end]) => blob.subarray(start, end));
// autocannon builds a connection's first request up front and one more after each response, so a few
// more bodies than requests are prepared; each body is still sent at most once.
const connections = Math.max(1, Math.min(job.connections, Math.floor(bodies.length / 2)));
const amount = bodies.length - connections;
let next = 0;
const responseTimes = [];
let lastResponseAt = 0;
const statusCodes = {};

const started = performance.now();
const instance = autocannon({
  url: job.url,
  connections,
  pipelining: 1,
  amount,
  timeout: 60,
  requests: [
    {
      method: 'POST',
      path: job.path,
      headers: job.headers,
      setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
    },
  ],
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  responseTimes.push(responseTime);
  lastResponseAt = performance.now();
  statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
});
instance.on('done', (result) => {
  process.stdout.write(
    JSON.stringify({
      // autocannon notices the end on its one-second tick, so the wall time ends at the last response.
      wallMs: lastResponseAt - started,
      requests: responseTimes.length,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes,
      responseTimes,
    }),
  );
});
