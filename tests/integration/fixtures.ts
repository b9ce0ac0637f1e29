import { checkSubmission, createReferenceNumber } from '../../src/shared/domain';
import {
  type Mutation,
  PROTOCOL_VERSION,
  type PushRequest,
  type ResolveConflictMutation,
  type SetFieldsMutation,
  type SubmitRecordMutation,
  type WithdrawMutation,
} from '../../src/shared/protocol';
import type { FieldValue } from '../../src/shared/record';

/** A complete damage report as a person types it. */
export const TYPED_DAMAGE_REPORT = {
  surname: 'Шевченко',
  givenName: 'Олена',
  patronymic: 'Петрівна',
  rnokpp: '1941106083',
  phone: '067 123 45 67',
  applicantRole: 'owner',
  propertyType: 'house',
  propOblast: 'UA32000000000030281',
  propSettlement: 'UA32060050010081797',
  propStreet: 'вул. Героїв України',
  propBuilding: '12',
  propPostCode: '07400',
  area: '54,3',
  eventDate: '12.03.2024',
  cause: 'hostilities',
  damageStatus: 'damaged',
  damagedElements: ['windows', 'roof'],
  description: 'Зруйновано дах і вікна',
};

function normalised(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const check = checkSubmission('damageReport', fields);
  if (!check.ok) throw new Error(`Fixture no longer passes the schema: ${JSON.stringify(check.issues)}`);
  return check.fields;
}

/**
 * The same report normalised, as the phone sends it and the server stores it. Derived from the
 * schema, so a change to the rules changes this fixture rather than every test.
 */
export const VALID_FIELDS = normalised(TYPED_DAMAGE_REPORT) as Readonly<Record<string, FieldValue>> & {
  readonly propertyType: string;
  readonly description: string;
  readonly propStreet: string;
  readonly propPostCode: string;
};

/** Another street, for corrections of a field citizen and office share. */
export const OTHER_STREET = 'вул. Соборна';

/** What a protocol-1 server stored for a damage report, before the full schema. */
export const V1_DATA = {
  propertyType: 'house',
  oblast: 'UA05000000000010236',
  description: 'Зруйновано дах і вікна',
} as const;

/** Long enough for config's minimum; only ever used in tests. */
export const STAFF_TOKEN = 'test-staff-token-0123456789abcdef0123456789';

export function newId(): string {
  return crypto.randomUUID();
}

export function newReference(): string {
  return createReferenceNumber((bytes) => crypto.getRandomValues(bytes));
}

export function submitMutation(
  id: number,
  overrides: Partial<SubmitRecordMutation> = {},
): SubmitRecordMutation {
  return {
    id,
    type: 'record/submit',
    recordId: newId(),
    service: 'damageReport',
    reference: newReference(),
    capturedAt: '2026-03-01T10:15:00.000Z',
    fields: { ...VALID_FIELDS },
    ...overrides,
  };
}

export function setFieldsMutation(
  id: number,
  recordId: string,
  changes: { path: string; base: FieldValue; value: FieldValue }[],
): SetFieldsMutation {
  return { id, type: 'record/setFields', recordId, changes };
}

export function resolveConflictMutation(
  id: number,
  recordId: string,
  conflictId: string,
  choice: 'server' | 'client',
): ResolveConflictMutation {
  return { id, type: 'record/resolveConflict', recordId, conflictId, choice };
}

export function withdrawMutation(id: number, recordId: string): WithdrawMutation {
  return { id, type: 'record/withdraw', recordId };
}

export function pushRequest(clientId: string, mutations: Mutation[]): PushRequest {
  return { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
}
