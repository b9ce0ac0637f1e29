import { createReferenceNumber } from '../../src/shared/domain';
import { type Mutation, PROTOCOL_VERSION, type PushRequest } from '../../src/shared/protocol';

export const VALID_DATA = {
  propertyType: 'house',
  oblast: 'UA05000000000010236',
  description: 'Зруйновано дах і вікна',
} as const;

export function newId(): string {
  return crypto.randomUUID();
}

export function newReference(): string {
  return createReferenceNumber((bytes) => crypto.getRandomValues(bytes));
}

export function submitMutation(id: number, overrides: Partial<Mutation> = {}): Mutation {
  return {
    id,
    type: 'damageReport/submit',
    recordId: newId(),
    reference: newReference(),
    capturedAt: '2026-03-01T10:15:00.000Z',
    data: { ...VALID_DATA },
    ...overrides,
  };
}

export function pushRequest(clientId: string, mutations: Mutation[]): PushRequest {
  return { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
}
