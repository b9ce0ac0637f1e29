import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { type AuthConfig, loadAuthConfig, openAuth } from './auth';
import { openFileBlobStore, openS3BlobStore, schedulePartialCleanup } from './blobs';
import { type Config, loadConfig, REMOVED_VARIABLES } from './config';
import { scheduleIdentityPrune } from './identity-store';
import { createLog } from './log';
import { openStore } from './store/open-store';

const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(process.env).config;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

function readAuthConfig(): AuthConfig {
  try {
    return loadAuthConfig(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const authConfig = readAuthConfig();
const log = createLog(config.logLevel);
const store = await openStore(config);
const { auth, identityStore } = await openAuth({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  authConfig,
  log,
});
// An API-only deployment (client on a CDN, or not built yet) is legitimate; say so once instead of
// failing every page request.
const staticDir = existsSync(config.staticDir) ? config.staticDir : undefined;
if (staticDir === undefined) log.warn('static.missing', { staticDir: config.staticDir });
for (const variable of REMOVED_VARIABLES) {
  if (process.env[variable]) log.warn('config.removed', { variable, note: 'no longer read; see README' });
}
// Photo bytes, content-addressed: in an S3-compatible bucket when S3_ENDPOINT is set (what several
// hosts can share), else under DATA_DIR/blobs. Orphaned partial uploads go after a day; the first
// clean-up runs now, so wrong S3 settings show up in the log at start, not at the first photo.
const blobs =
  config.s3 === undefined
    ? await openFileBlobStore(path.join(config.dataDir, 'blobs'))
    : openS3BlobStore(config.s3);
log.info(
  'blobs.store',
  config.s3 === undefined
    ? { kind: 'file', dir: path.join(config.dataDir, 'blobs') }
    : { kind: 's3', endpoint: config.s3.endpoint, bucket: config.s3.bucket, prefix: config.s3.prefix },
);
schedulePartialCleanup(blobs, log);
scheduleIdentityPrune(identityStore, log);
const app = createApp({ store, staticDir, log, auth, blobs });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const where = store.kind === 'sqlite' ? `data: ${config.dataDir}` : 'data: DATABASE_URL';
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  process.stdout.write(
    `Lastivka listening on http://${host}:${info.port} (store: ${store.kind}, ${where})\n`,
  );
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  log.info('shutdown', { signal });
  // A hung request must not keep an orchestrator waiting forever; unref so it never delays a clean exit.
  setTimeout(() => {
    log.error('shutdown.forced', { afterMs: SHUTDOWN_GRACE_MS });
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  // close() stops accepting and waits for in-flight requests; only then is the store safe to close,
  // so no acknowledged push is cut off between its commit and its response.
  server.close(() => {
    Promise.all([store.close(), identityStore.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown.storeCloseFailed', {
          message: error instanceof Error ? error.message : String(error),
        });
        process.exit(1);
      },
    );
  });
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
