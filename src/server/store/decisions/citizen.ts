import type { RecordState } from './record-state';

/** Who sends a push: a signed-in person on one of their devices (a device profile's client id). */
export interface Citizen {
  readonly clientId: string;
  readonly userId: string;
}

/**
 * A citizen may see and change only records they own, from any of their devices. A record nobody
 * owns yet (stored before sign-in existed and not yet adopted) is nobody's to change.
 */
export function ownedBy(record: RecordState | undefined, citizen: Citizen): record is RecordState {
  return record !== undefined && record.ownerUserId !== null && record.ownerUserId === citizen.userId;
}
