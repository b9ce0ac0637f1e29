import * as v from 'valibot';

export interface AuthConfig {
  /** AUTH_SECRET (≥ 32 characters); unset → a generated key in DATA_DIR/auth-secret. */
  readonly authSecret: string | undefined;
  /** SMS_GATEWAY_URL + SMS_GATEWAY_TOKEN: both or neither; neither → codes go to DATA_DIR/sms-outbox.jsonl. */
  readonly smsGateway: { readonly url: string; readonly token: string } | undefined;
  /** TRUST_PROXY=true behind nginx: rate limits count the last X-Forwarded-For address. Default false. */
  readonly trustProxy: boolean;
  /** PUBLIC_ORIGIN, e.g. https://lastivka.example.gov.ua; unset → each request's own origin. */
  readonly publicOrigin: string | undefined;
  /**
   * AUTH_CODES_PER_IP_PER_HOUR: a collective centre or a volunteer's hotspot puts many households behind
   * one address, so the per-address limit on sign-in codes is set per deployment (default 20).
   */
  readonly codesPerIpPerHour: number | undefined;
  /** NODE_ENV !== 'production': the file SMS gateway also prints codes to the console. */
  readonly development: boolean;
}

const optional = v.pipe(
  v.optional(v.string()),
  v.transform((value) => (value === '' ? undefined : value)),
);

const EnvSchema = v.pipe(
  v.object({
    AUTH_SECRET: v.pipe(
      optional,
      v.check((value) => value === undefined || value.length >= 32, 'must be at least 32 characters'),
    ),
    SMS_GATEWAY_URL: v.pipe(
      optional,
      v.check((value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value), 'must be an http(s) URL'),
    ),
    SMS_GATEWAY_TOKEN: optional,
    TRUST_PROXY: v.pipe(
      optional,
      v.check(
        (value) => value === undefined || value === 'true' || value === 'false',
        'must be true or false',
      ),
    ),
    PUBLIC_ORIGIN: v.pipe(
      optional,
      v.check(
        (value) => value === undefined || /^https?:\/\/[^/\s]+$/.test(value),
        'must be an origin such as https://lastivka.example (no path, no trailing slash)',
      ),
    ),
    AUTH_CODES_PER_IP_PER_HOUR: v.pipe(
      optional,
      v.check(
        (value) => value === undefined || /^[1-9]\d{0,5}$/.test(value),
        'must be a whole number from 1 to 999999',
      ),
    ),
    NODE_ENV: optional,
  }),
  v.forward(
    v.check(
      (env) => (env.SMS_GATEWAY_URL === undefined) === (env.SMS_GATEWAY_TOKEN === undefined),
      'set SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN together',
    ),
    ['SMS_GATEWAY_TOKEN'],
  ),
);

/** The sign-in settings from the environment; throws one Error naming every bad variable (never their values). */
export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const name = issue.path?.map((item) => String(item.key)).join('.') ?? '(environment)';
      return `  ${name}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.output;
  return {
    authSecret: e.AUTH_SECRET,
    smsGateway:
      e.SMS_GATEWAY_URL !== undefined && e.SMS_GATEWAY_TOKEN !== undefined
        ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN }
        : undefined,
    trustProxy: e.TRUST_PROXY === 'true',
    publicOrigin: e.PUBLIC_ORIGIN,
    codesPerIpPerHour:
      e.AUTH_CODES_PER_IP_PER_HOUR === undefined ? undefined : Number(e.AUTH_CODES_PER_IP_PER_HOUR),
    development: e.NODE_ENV !== 'production',
  };
}
