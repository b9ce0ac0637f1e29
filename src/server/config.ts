import path from 'node:path';
import * as v from 'valibot';
import type { S3BlobStoreSettings } from './blobs/s3-blob-store';

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL when set; otherwise the embedded SQLite file under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Absolute, so the startup line and every later file operation agree whatever the cwd becomes. */
  readonly dataDir: string;
  readonly staticDir: string;
  readonly logLevel: LogLevel;
  /** S3_ENDPOINT and the rest: photos in an S3-compatible bucket; unset → files under DATA_DIR/blobs. */
  readonly s3: S3BlobStoreSettings | undefined;
}

/**
 * Variables earlier releases read and this one ignores; main.ts warns when one is still set, so an
 * operator learns that it no longer does anything. STAFF_API_TOKEN: caseworkers sign in with their
 * own accounts now (`npm run admin -- …`).
 */
export const REMOVED_VARIABLES = ['STAFF_API_TOKEN'] as const;

// Orchestrators often pass unset variables as empty strings; treating '' as "not set" keeps the
// defaults working there instead of failing on PORT=''.
const optionalText = (fallback: string) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.transform((value) => (value === '' ? fallback : value)),
  );

const optional = v.pipe(
  v.optional(v.string()),
  v.transform((value) => (value === '' ? undefined : value)),
);

function isS3Endpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in the URL would end up wherever the endpoint is printed; they belong in the S3_*_KEY variables.
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === ''
  );
}

/**
 * Letters, digits, '.', '_', '-' in '/'-separated parts: such keys need no escaping in a URL or a
 * signature, and a '.' or '..' part is refused because URLs resolve it away (another key than meant).
 */
function isS3Prefix(value: string): boolean {
  const parts = value.replace(/\/$/, '').split('/');
  return parts.every((part) => /^[A-Za-z0-9._-]+$/.test(part) && part !== '.' && part !== '..');
}

const EnvObject = v.object({
  PORT: v.pipe(
    optionalText('8080'),
    v.regex(/^\d{1,5}$/, 'must be a whole number between 1 and 65535'),
    v.transform(Number),
    v.minValue(1, 'must be a whole number between 1 and 65535'),
    v.maxValue(65535, 'must be a whole number between 1 and 65535'),
  ),
  // Loopback by default: exposing the API is a deliberate act (HOST=0.0.0.0 behind nginx or in a container).
  HOST: v.pipe(optionalText('127.0.0.1'), v.nonEmpty('must not be empty')),
  DATABASE_URL: v.pipe(
    v.optional(v.string()),
    v.transform((value) => (value === '' ? undefined : value)),
    v.check(
      (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
      'must start with postgres:// or postgresql://',
    ),
  ),
  DATA_DIR: optionalText('./data'),
  STATIC_DIR: optionalText('dist/client'),
  LOG_LEVEL: v.pipe(optionalText('info'), v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)),
  S3_ENDPOINT: v.pipe(
    optional,
    v.check(
      (value) => value === undefined || isS3Endpoint(value),
      'must be an http(s) URL such as https://s3.eu-central-1.amazonaws.com, with no credentials or query',
    ),
  ),
  S3_BUCKET: v.pipe(
    optional,
    v.check(
      (value) => value === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value),
      'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    ),
  ),
  S3_REGION: v.pipe(
    optionalText('us-east-1'),
    v.regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      'must be a region name such as eu-central-1 (MinIO and Garage accept their own)',
    ),
  ),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  S3_PREFIX: v.pipe(
    optional,
    v.check(
      (value) => value === undefined || isS3Prefix(value),
      "must be letters, digits, '.', '_' and '-' in parts separated by '/', such as lastivka/ (no '.' or '..' part)",
    ),
  ),
});

const REQUIRED_WITH_ENDPOINT = 'is required when S3_ENDPOINT is set';

const EnvSchema = v.pipe(
  EnvObject,
  // S3_ENDPOINT selects the S3 store, so half an S3 configuration is a mistake to report, not to
  // paper over: without the endpoint, photos would quietly go to one host's disk.
  v.forward(
    v.partialCheck(
      [['S3_ENDPOINT'], ['S3_BUCKET']],
      (env) => env.S3_ENDPOINT === undefined || env.S3_BUCKET !== undefined,
      REQUIRED_WITH_ENDPOINT,
    ),
    ['S3_BUCKET'],
  ),
  v.forward(
    v.partialCheck(
      [['S3_ENDPOINT'], ['S3_ACCESS_KEY_ID']],
      (env) => env.S3_ENDPOINT === undefined || env.S3_ACCESS_KEY_ID !== undefined,
      REQUIRED_WITH_ENDPOINT,
    ),
    ['S3_ACCESS_KEY_ID'],
  ),
  v.forward(
    v.partialCheck(
      [['S3_ENDPOINT'], ['S3_SECRET_ACCESS_KEY']],
      (env) => env.S3_ENDPOINT === undefined || env.S3_SECRET_ACCESS_KEY !== undefined,
      REQUIRED_WITH_ENDPOINT,
    ),
    ['S3_SECRET_ACCESS_KEY'],
  ),
  v.forward(
    v.partialCheck(
      [['S3_ENDPOINT'], ['S3_BUCKET'], ['S3_ACCESS_KEY_ID'], ['S3_SECRET_ACCESS_KEY'], ['S3_PREFIX']],
      (env) =>
        env.S3_ENDPOINT !== undefined ||
        [env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY, env.S3_PREFIX].every(
          (value) => value === undefined,
        ),
      'must be set when any other S3_ variable is (e.g. https://s3.eu-central-1.amazonaws.com)',
    ),
    ['S3_ENDPOINT'],
  ),
);

/** Reads the environment once at startup; throws one Error naming every bad variable so a deploy is fixed in one go. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): { config: Config } {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const name = issue.path?.map((item) => String(item.key)).join('.') ?? '(environment)';
      // The value is left out on purpose: DATABASE_URL carries a password.
      return `  ${name}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env_ = result.output;
  return {
    config: {
      port: env_.PORT,
      host: env_.HOST,
      databaseUrl: env_.DATABASE_URL,
      dataDir: path.resolve(env_.DATA_DIR),
      staticDir: path.resolve(env_.STATIC_DIR),
      logLevel: env_.LOG_LEVEL,
      s3:
        env_.S3_ENDPOINT === undefined
          ? undefined
          : {
              endpoint: env_.S3_ENDPOINT.replace(/\/+$/, ''),
              bucket: env_.S3_BUCKET ?? '',
              region: env_.S3_REGION,
              accessKeyId: env_.S3_ACCESS_KEY_ID ?? '',
              secretAccessKey: env_.S3_SECRET_ACCESS_KEY ?? '',
              // A prefix names a folder: 'lastivka' and 'lastivka/' both mean keys under lastivka/.
              prefix: env_.S3_PREFIX === undefined ? '' : env_.S3_PREFIX.replace(/\/?$/, '/'),
            },
    },
  };
}
