import type { PullOutcome, PushOutcome } from '../../src/server/store/store';
import { checkSubmission, createReferenceNumber } from '../../src/shared/domain';
import {
  type Mutation,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ResolveConflictMutation,
  type SetFieldsMutation,
  type SubmitRecordMutation,
  type WithdrawMutation,
} from '../../src/shared/protocol';
import { childPath, type FieldValue } from '../../src/shared/record';

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

function normalised(
  fields: Record<string, FieldValue>,
  service: 'damageReport' | 'idpRegistration' = 'damageReport',
): Record<string, FieldValue> {
  const check = checkSubmission(service, fields);
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

export const KYIV_OBLAST = 'UA32000000000030281';
export const LVIV_OBLAST = 'UA46000000000026241';
export const VINNYTSIA_OBLAST = 'UA05000000000010236';
const BROVARY = 'UA32060050010081797';
const LVIV = 'UA46060250010015970';
const MARIUPOL = 'UA14140050010029262';
const DONETSK_OBLAST = 'UA14000000000091971';

/** A complete IDP registration: registered in Mariupol (left), living now in Brovary, Kyiv oblast. */
export const TYPED_IDP_REGISTRATION = {
  surname: 'Коваленко',
  givenName: 'Марʼяна',
  birthDate: '22.02.1953',
  sex: 'female',
  birthPlace: 'м. Маріуполь',
  citizenship: 'UA',
  documentType: 'passportBooklet',
  documentNumber: 'ка 123456',
  rnokpp: '1941106083',
  regOblast: DONETSK_OBLAST,
  regSettlement: MARIUPOL,
  regStreet: 'просп. Миру',
  regBuilding: '5',
  regPostCode: '87500',
  actOblast: KYIV_OBLAST,
  actSettlement: BROVARY,
  actStreet: 'вул. Героїв України',
  actBuilding: '12',
  actPostCode: '07400',
  displacementReason: 'occupation',
  phone: '+380501234567',
  dutiesAccepted: true,
  [childPath('household', 'a3b1c2d4-0000-4000-8000-000000000002', '_exists')]: true,
  [childPath('household', 'a3b1c2d4-0000-4000-8000-000000000002', 'surname')]: 'Коваленко',
  [childPath('household', 'a3b1c2d4-0000-4000-8000-000000000002', 'givenName')]: 'Іван',
  [childPath('household', 'a3b1c2d4-0000-4000-8000-000000000002', 'birthDate')]: '01.06.2015',
  [childPath('household', 'a3b1c2d4-0000-4000-8000-000000000002', 'relationship')]: 'child',
};

export const VALID_IDP_FIELDS = normalised(TYPED_IDP_REGISTRATION, 'idpRegistration');

/** The actual address after the person moved on to Lviv: every field of it, as the phone sends a move. */
export const LVIV_ADDRESS = {
  actOblast: LVIV_OBLAST,
  actSettlement: LVIV,
  actStreet: 'вул. Городоцька',
  actBuilding: '48',
  actPostCode: '79000',
} as const;

/** The same damage report for a house in Lviv. */
export const LVIV_DAMAGE_FIELDS = {
  ...VALID_FIELDS,
  propOblast: LVIV_OBLAST,
  propSettlement: LVIV,
  propStreet: 'вул. Городоцька',
  propPostCode: '79000',
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

/** The response of a push the store accepted (it was not refused as a whole). */
export function accepted(outcome: PushOutcome): PushResponse {
  if (!outcome.ok) throw new Error(`push refused: ${outcome.refusal}`);
  return outcome.response;
}

/** The response of a pull the store answered. */
export function pulled(outcome: PullOutcome): PullResponse {
  if (!outcome.ok) throw new Error(`pull refused: ${outcome.refusal}`);
  return outcome.response;
}
