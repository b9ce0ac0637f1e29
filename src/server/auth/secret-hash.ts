import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the parts joined by a newline (no part contains one), hex. */
export function hmacHex(secret: Uint8Array, ...parts: readonly string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n'), 'utf8').digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Compares two hex digests in time that does not depend on where they differ. Digests of one
 * algorithm have one length, so the early length check reveals nothing secret.
 */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  if (left.length !== right.length || left.length === 0) return false;
  return timingSafeEqual(left, right);
}
