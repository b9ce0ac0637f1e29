import { SmsDeliveryError } from './auth-errors';
import type { SmsGateway } from './sms-gateway';

export interface HttpSmsGatewayOptions {
  /** SMS_GATEWAY_URL: receives POST {to, text} as JSON. */
  readonly url: string;
  /** SMS_GATEWAY_TOKEN: sent as `Authorization: Bearer …`. */
  readonly token: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * A production SMS provider behind a small JSON endpoint. Errors name the HTTP status or the
 * timeout only: the text carries the code and the recipient is personal data, so neither may
 * reach a log through an error message.
 */
export function createHttpSmsGateway(options: HttpSmsGatewayOptions): SmsGateway {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(phone, text) {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.token}`,
          },
          body: JSON.stringify({ to: phone, text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new SmsDeliveryError(
          timedOut ? `SMS gateway timed out after ${timeoutMs} ms` : 'SMS gateway unreachable',
        );
      }
      // Drain the body so the connection can be reused; its content is not needed.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new SmsDeliveryError(`SMS gateway answered ${response.status}`);
    },
  };
}
