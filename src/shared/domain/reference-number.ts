// Reference numbers are made on the phone, offline, and read aloud over bad phone lines, so they use
// Crockford's base-32 alphabet (no I, L, O, U) and end in a check character that catches a single
// mistyped character or a swap of two neighbours.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PAYLOAD_LENGTH = 7;
const PREFIX = 'LV';

function checkCharacter(payload: string): string {
  let sum = 0;
  for (let index = 0; index < payload.length; index++) {
    sum += ALPHABET.indexOf(payload[index]!) * (index + 1);
  }
  // 31 is prime and smaller than the alphabet, so position weights never collapse to 0 mod 31.
  return ALPHABET[sum % 31]!;
}

/** `fillRandom` is crypto.getRandomValues in every runtime; injected so tests can fix the output. */
export function createReferenceNumber(fillRandom: (bytes: Uint8Array<ArrayBuffer>) => unknown): string {
  const bytes = new Uint8Array(PAYLOAD_LENGTH);
  fillRandom(bytes);
  let payload = '';
  for (const byte of bytes) payload += ALPHABET[byte % ALPHABET.length];
  const full = payload + checkCharacter(payload);
  return `${PREFIX}-${full.slice(0, 4)}-${full.slice(4)}`;
}

export function isReferenceNumber(value: string): boolean {
  const match = /^LV-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$/.exec(value);
  if (!match) return false;
  const full = match[1]! + match[2]!;
  return checkCharacter(full.slice(0, PAYLOAD_LENGTH)) === full[PAYLOAD_LENGTH];
}
