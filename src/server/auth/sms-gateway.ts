/** Where one-time codes go: a file in development and tests, an HTTP SMS provider in production. */
export interface SmsGateway {
  /** Resolves once the gateway has taken the message; throws SmsDeliveryError otherwise. */
  send(phone: string, text: string): Promise<void>;
}

export function otpSmsText(code: string): string {
  return `Код для входу в Ластівку: ${code}. Нікому його не повідомляйте.`;
}
