import { OBLAST_CODES } from '../../../shared/domain';
import type { FieldMap, FieldValue } from '../../../shared/record';
import type { RecordWrite, StoredWrite } from './record-state';

const KNOWN_OBLASTS: ReadonlySet<string> = new Set(OBLAST_CODES);

/**
 * Which field names the oblast whose office handles a record, in order of preference:
 * - a damage report: where the property is (`propOblast`); protocol-1 reports kept it as `oblast`;
 * - an IDP registration or a benefit application: where the person lives now (`actOblast`), not the
 *   place they left (`regOblast`), because that is the office they can go to.
 */
const OBLAST_FIELDS: Readonly<Record<string, readonly string[]>> = {
  damageReport: ['propOblast', 'oblast'],
  idpRegistration: ['actOblast'],
  benefitApplication: ['actOblast'],
};

/**
 * The KATOTTH oblast code a record belongs to for the office queues, derived from its fields (never
 * sent by a client). Null when no field names a known oblast (a service this release lacks, an old
 * record without an address): such a record is in no oblast's queue, only in the all-oblasts view.
 */
export function recordOblast(service: string, fields: FieldMap): string | null {
  for (const field of OBLAST_FIELDS[service] ?? []) {
    const value: FieldValue | undefined = fields[field];
    if (typeof value === 'string' && KNOWN_OBLASTS.has(value)) return value;
  }
  return null;
}

/**
 * A decided write with the oblast its new fields put it in: a correction, an edit or an accepted
 * amendment that changes the address moves the record to the other oblast's queue in the same write.
 */
export function placedWrite(write: RecordWrite, service: string): StoredWrite {
  return { ...write, oblast: recordOblast(service, write.fields) };
}
