import { type IdentityStore, openIdentityStore } from '../identity-store';
import type { Log } from '../log';
import type { AuthConfig } from './auth-config';
import { loadAuthSecret } from './auth-secret';
import { type Auth, createAuth } from './create-auth';
import { createFileSmsGateway } from './file-sms-gateway';
import { createHttpSmsGateway } from './http-sms-gateway';

export interface OpenedAuth {
  readonly auth: Auth;
  /** Close it at shutdown, after the HTTP server (like the sync store). */
  readonly identityStore: IdentityStore;
}

/** Startup in one call: the identity store (same database as the sync store), the secret, the SMS gateway. */
export async function openAuth(options: {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly authConfig: AuthConfig;
  readonly log: Log;
}): Promise<OpenedAuth> {
  const { authConfig, dataDir, log } = options;
  const secret = loadAuthSecret({ authSecret: authConfig.authSecret, dataDir });
  const identityStore = await openIdentityStore({ databaseUrl: options.databaseUrl, dataDir });
  const sms =
    authConfig.smsGateway === undefined
      ? createFileSmsGateway(dataDir, { echo: authConfig.development })
      : createHttpSmsGateway(authConfig.smsGateway);
  if (authConfig.smsGateway === undefined && !authConfig.development) {
    log.warn('sms.fileGateway', {
      note: 'codes go to the sms-outbox file; set SMS_GATEWAY_URL in production',
    });
  }
  const auth = createAuth({
    store: identityStore,
    secret,
    sms,
    log,
    trustProxy: authConfig.trustProxy,
    publicOrigin: authConfig.publicOrigin,
    limits:
      authConfig.codesPerIpPerHour === undefined
        ? {}
        : { otpPerIp: { limit: authConfig.codesPerIpPerHour, windowSeconds: 3600 } },
  });
  return { auth, identityStore };
}
