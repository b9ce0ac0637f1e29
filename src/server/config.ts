import path from 'node:path';
import * as v from 'valibot';

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

const EnvSchema = v.object({
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
});

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
    },
  };
}
