import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createReferenceNumber } from '../../src/shared/domain/reference-number';
import {
  ErrorBodySchema,
  MutationSchema,
  PROTOCOL_VERSION,
  PULL_MAX_LIMIT,
  PUSH_MAX_MUTATIONS,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
} from '../../src/shared/protocol';
import { FIELD_TEXT_MAX } from '../../src/shared/record';

/**
 * Fingerprint of the wire shape of every protocol message, per protocol version. When a schema below
 * changes, the test fails: bump PROTOCOL_VERSION and add the new fingerprint (printed in the failure)
 * as a new row. Old rows stay as a record of what each version looked like.
 */
const FINGERPRINTS: Readonly<Record<number, string>> = {
  1: 'a1cda8f03642c282054607065f221f19041981ef9e27a58c3b449eebb1b8bfcd',
  // record/submit with service + fields, setFields, resolveConflict, withdraw; results with version.
  2: '0cab97c54819cd7a808cfe3ed413e99e8dcb8d8fbd582285b06d9f8ab0466315',
};

const WIRE_SCHEMAS = {
  PushRequestSchema,
  MutationSchema,
  PushResponseSchema,
  PullResponseSchema,
  PullQuerySchema,
  ErrorBodySchema,
};

type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

function primitive(value: unknown): Canonical | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return undefined;
}

/**
 * A canonical, JSON-able description of a valibot schema: what is on the wire (types, keys, literals,
 * options, limits, patterns), not error texts or functions. Object entries are sorted by key because
 * key order does not change what a message may contain.
 */
function describeSchema(node: unknown): Canonical {
  if (typeof node !== 'object' || node === null) return primitive(node) ?? null;
  const schema = node as Record<string, unknown>;
  const out: Record<string, Canonical> = { kind: String(schema.kind), type: String(schema.type) };
  if (schema.kind !== 'schema') {
    // A pipe action (validation, transformation, metadata): its type and a primitive requirement. The
    // pattern of a `regex` action is ours and part of the shape; built-in patterns (uuid, iso_timestamp)
    // belong to valibot and are named by the action's type.
    const requirement =
      schema.type === 'regex' && schema.requirement instanceof RegExp
        ? String(schema.requirement)
        : primitive(schema.requirement);
    if (requirement !== undefined) out.requirement = requirement;
    return out;
  }
  if (schema.entries && typeof schema.entries === 'object') {
    const entries = schema.entries as Record<string, unknown>;
    out.entries = Object.fromEntries(
      Object.keys(entries)
        .sort()
        .map((key) => [key, describeSchema(entries[key])]),
    );
  }
  if (Array.isArray(schema.options)) {
    out.options = schema.options.map((option) =>
      typeof option === 'object' && option !== null ? describeSchema(option) : (primitive(option) ?? null),
    );
  }
  // variant: the discriminator name; record: the key schema.
  if (typeof schema.key === 'string') out.key = schema.key;
  else if (schema.key && typeof schema.key === 'object') out.key = describeSchema(schema.key);
  if (schema.value && typeof schema.value === 'object') out.value = describeSchema(schema.value);
  if (schema.item) out.item = describeSchema(schema.item);
  if (schema.wrapped) out.wrapped = describeSchema(schema.wrapped);
  if ('literal' in schema) out.literal = primitive(schema.literal) ?? null;
  if ('default' in schema && schema.default !== undefined) {
    out.default = primitive(schema.default) ?? typeof schema.default;
  }
  if (Array.isArray(schema.pipe)) out.pipe = schema.pipe.map((item) => describeSchema(item));
  return out;
}

function stableStringify(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function fingerprint(schemas: Record<string, unknown>): string {
  const description = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, describeSchema(schemas[name])]),
  );
  return createHash('sha256').update(stableStringify(description)).digest('hex');
}

describe('protocol wire shape', () => {
  it('matches the fingerprint recorded for PROTOCOL_VERSION', () => {
    const actual = fingerprint(WIRE_SCHEMAS);
    expect(
      FINGERPRINTS[PROTOCOL_VERSION],
      `wire shape changed: bump PROTOCOL_VERSION in src/shared/protocol/protocol-version.ts and record the new fingerprint (${PROTOCOL_VERSION + 1}: '${actual}') in tests/unit/protocol-shape.test.ts`,
    ).toBe(actual);
  });

  it('every recorded version has a different fingerprint (a bump must come with a change)', () => {
    const values = Object.values(FINGERPRINTS);
    expect(new Set(values).size).toBe(values.length);
    expect(Math.max(...Object.keys(FINGERPRINTS).map(Number))).toBe(PROTOCOL_VERSION);
  });

  it('describes the schemas deterministically', () => {
    expect(fingerprint(WIRE_SCHEMAS)).toBe(fingerprint({ ...WIRE_SCHEMAS }));
    const reversed = Object.fromEntries(Object.entries(WIRE_SCHEMAS).reverse());
    expect(fingerprint(reversed)).toBe(fingerprint(WIRE_SCHEMAS));
  });

  it('is sensitive to an extra entry in a message', () => {
    const widened = v.object({ ...ErrorBodySchema.entries, requestId: v.string() });
    expect(fingerprint({ ...WIRE_SCHEMAS, ErrorBodySchema: widened })).not.toBe(fingerprint(WIRE_SCHEMAS));
  });

  it('is sensitive to a changed type, limit, literal, optionality and strictness', () => {
    const base = fingerprint(WIRE_SCHEMAS);
    const variants: Record<string, unknown>[] = [
      // A field changes type.
      {
        ...WIRE_SCHEMAS,
        PullResponseSchema: v.object({ ...PullResponseSchema.entries, cursor: v.number() }),
      },
      // A limit changes.
      {
        ...WIRE_SCHEMAS,
        PushRequestSchema: v.strictObject({
          ...PushRequestSchema.entries,
          mutations: v.pipe(v.array(MutationSchema), v.maxLength(PUSH_MAX_MUTATIONS + 1)),
        }),
      },
      // A literal changes.
      {
        ...WIRE_SCHEMAS,
        MutationSchema: v.variant('type', [
          v.strictObject({ ...MutationSchema.options[0].entries, type: v.literal('damageReport/create') }),
        ]),
      },
      // A field becomes optional.
      {
        ...WIRE_SCHEMAS,
        ErrorBodySchema: v.object({ ...ErrorBodySchema.entries, message: v.optional(v.string()) }),
      },
      // A strict object becomes loose.
      { ...WIRE_SCHEMAS, PushRequestSchema: v.object(PushRequestSchema.entries) },
      // A pattern changes.
      {
        ...WIRE_SCHEMAS,
        PullQuerySchema: v.object({
          ...PullQuerySchema.entries,
          after: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[0-9:a-f]*$/)), ''),
        }),
      },
    ];
    const prints = variants.map((schemas) => fingerprint(schemas));
    for (const print of prints) expect(print).not.toBe(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('ignores error texts, which are not part of the shape', () => {
    const reworded = v.object({
      ...ErrorBodySchema.entries,
      error: v.string('a different message'),
    });
    expect(fingerprint({ ...WIRE_SCHEMAS, ErrorBodySchema: reworded })).toBe(fingerprint(WIRE_SCHEMAS));
  });
});

// ---------------------------------------------------------------------------------------------------

const CLIENT_ID = '3f0c1a52-8d7e-4b8a-9f3e-2a1b4c5d6e7f';
const CHILD_ID = '9b2e4c1d-7a3f-4e5b-8c6d-1f2a3b4c5d6e';
const CONFLICT_ID = '5d6e7f80-1a2b-4c3d-9e4f-5a6b7c8d9e0f';
let recordCounter = 0;

function nextRecordId(): string {
  recordCounter++;
  return `00000000-0000-4000-8000-${String(recordCounter).padStart(12, '0')}`;
}

/** A well-formed `record/submit`. */
function mutation(id: number, overrides: Record<string, unknown> = {}) {
  const recordId = nextRecordId();
  return {
    id,
    type: 'record/submit',
    recordId,
    service: 'damageReport',
    reference: createReferenceNumber((bytes) => bytes.fill(recordCounter % 256)),
    capturedAt: '2025-05-16T08:30:00.000Z',
    fields: { propertyType: 'house', oblast: 'UA80000000000093317', description: 'Розбито вікна й дах' },
    ...overrides,
  };
}

/** A well-formed `record/setFields`. */
function setFields(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    type: 'record/setFields',
    recordId: nextRecordId(),
    changes: [{ path: 'description', base: 'Розбито вікна й дах', value: 'Розбито вікна, дах і двері' }],
    ...overrides,
  };
}

/** A well-formed `record/resolveConflict`. */
function resolve(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    type: 'record/resolveConflict',
    recordId: nextRecordId(),
    conflictId: CONFLICT_ID,
    choice: 'client',
    ...overrides,
  };
}

function withdraw(id: number, overrides: Record<string, unknown> = {}) {
  return { id, type: 'record/withdraw', recordId: nextRecordId(), ...overrides };
}

function push(mutations: unknown[], overrides: Record<string, unknown> = {}) {
  return { protocolVersion: PROTOCOL_VERSION, clientId: CLIENT_ID, mutations, ...overrides };
}

function messages(result: v.SafeParseResult<typeof PushRequestSchema>): string[] {
  return result.success ? [] : result.issues.map((issue) => issue.message);
}

function change(path: string, value: unknown, base: unknown = null) {
  return { path, base, value };
}

describe('PushRequestSchema', () => {
  it('accepts a well-formed push of every mutation type', () => {
    const result = v.safeParse(
      PushRequestSchema,
      push([mutation(1), setFields(2), resolve(7), withdraw(8), mutation(9)]),
    );
    expect(result.success).toBe(true);
  });

  it('requires mutation ids to increase strictly', () => {
    expect(messages(v.safeParse(PushRequestSchema, push([mutation(2), mutation(1)])))).toContain(
      'push.idsNotIncreasing',
    );
    expect(messages(v.safeParse(PushRequestSchema, push([mutation(3), setFields(3)])))).toContain(
      'push.idsNotIncreasing',
    );
    expect(v.safeParse(PushRequestSchema, push([mutation(1), withdraw(5), resolve(4)])).success).toBe(false);
  });

  it(`accepts up to ${PUSH_MAX_MUTATIONS} mutations and refuses more, and refuses none`, () => {
    const atLimit = Array.from({ length: PUSH_MAX_MUTATIONS }, (_, index) => mutation(index + 1));
    expect(v.safeParse(PushRequestSchema, push(atLimit)).success).toBe(true);
    const overLimit = [...atLimit, mutation(PUSH_MAX_MUTATIONS + 1)];
    expect(messages(v.safeParse(PushRequestSchema, push(overLimit)))).toContain('push.tooMany');
    expect(messages(v.safeParse(PushRequestSchema, push([])))).toContain('push.empty');
  });

  it('rejects an unknown mutation type, including the v1 one', () => {
    for (const type of ['damageReport/delete', 'damageReport/submit', 'record/delete']) {
      const result = v.safeParse(PushRequestSchema, push([mutation(1, { type })]));
      expect(messages(result), type).toContain('mutation.unknownType');
    }
  });

  it('rejects a v1 submission (data instead of service + fields)', () => {
    const { service: _service, fields, ...rest } = mutation(1);
    expect(v.safeParse(PushRequestSchema, push([{ ...rest, data: fields }])).success).toBe(false);
  });

  it('rejects an unknown service with its own reason', () => {
    expect(
      messages(v.safeParse(PushRequestSchema, push([mutation(1, { service: 'fishingLicence' })]))),
    ).toContain('service.unknown');
    // Announced services are known to the protocol; the server decides whether they are available yet.
    expect(v.safeParse(PushRequestSchema, push([mutation(1, { service: 'idpRegistration' })])).success).toBe(
      true,
    );
  });

  it('rejects extra keys in the envelope and in every mutation type (strict objects)', () => {
    expect(v.safeParse(PushRequestSchema, push([mutation(1)], { debug: true })).success).toBe(false);
    for (const build of [mutation, setFields, resolve, withdraw]) {
      expect(v.safeParse(PushRequestSchema, push([build(1, { state: 'queued' })])).success).toBe(false);
    }
    const extraInChange = setFields(1, { changes: [{ ...change('description', 'a'), note: 'x' }] });
    expect(v.safeParse(PushRequestSchema, push([extraInChange])).success).toBe(false);
  });

  it('rejects malformed identifiers, ids and references', () => {
    const cases: Array<[unknown, string]> = [
      [push([mutation(1)], { clientId: 'not-a-uuid' }), 'clientId.invalid'],
      [push([mutation(1, { recordId: '123' })]), 'recordId.invalid'],
      [push([setFields(1, { recordId: '123' })]), 'recordId.invalid'],
      [push([mutation(0)]), 'mutationId.invalid'],
      [push([mutation(1.5)]), 'mutationId.invalid'],
      [push([withdraw(Number.MAX_SAFE_INTEGER + 2)]), 'mutationId.invalid'],
      [push([mutation(1, { reference: 'LV-0000-0001' })]), 'reference.invalid'],
      [push([mutation(1, { capturedAt: 'yesterday' })]), 'timestamp.invalid'],
    ];
    for (const [input, expected] of cases) {
      expect(messages(v.safeParse(PushRequestSchema, input)), expected).toContain(expected);
    }
  });

  it('requires an integer protocol version', () => {
    expect(v.safeParse(PushRequestSchema, push([mutation(1)], { protocolVersion: '1' })).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, push([mutation(1)], { protocolVersion: 1.5 })).success).toBe(false);
  });
});

describe('record/setFields', () => {
  const parse = (changes: unknown) => v.safeParse(PushRequestSchema, push([setFields(1, { changes })]));

  it(`needs at least one change and at most 200`, () => {
    expect(messages(parse([]))).toContain('changes.empty');
    const atLimit = Array.from({ length: 200 }, (_, index) => change(`field${index}`, `v${index}`));
    expect(parse(atLimit).success).toBe(true);
    expect(messages(parse([...atLimit, change('oblast', 'x')]))).toContain('changes.tooMany');
  });

  it('refuses two changes to the same path in one mutation', () => {
    expect(messages(parse([change('description', 'a'), change('description', 'b')]))).toContain(
      'changes.duplicatePath',
    );
    expect(parse([change('description', 'a'), change('oblast', 'b')]).success).toBe(true);
  });

  it('accepts a top-level path and a child-row path with a UUID child id', () => {
    for (const path of [
      'description',
      'a',
      'oblast2',
      `household/${CHILD_ID}/birthDate`,
      `infoRequests/${CHILD_ID}/_exists`,
      `photos/${CHILD_ID}/caption`,
    ]) {
      expect(parse([change(path, 'x')]).success, path).toBe(true);
    }
  });

  it('rejects any other path', () => {
    for (const path of [
      '',
      '1description',
      '_exists',
      'description/',
      'house-hold',
      'household.birthDate',
      `household/${CHILD_ID}`,
      `household/${CHILD_ID}/birthDate/extra`,
      'household/1/birthDate',
      `household/${CHILD_ID.toUpperCase()}/birthDate`,
      `household/${CHILD_ID}/1field`,
      `/${CHILD_ID}/field`,
      `household/${CHILD_ID}/birth-date`,
      '__proto__',
      `a${'b'.repeat(120)}`,
    ]) {
      const result = parse([change(path, 'x')]);
      expect(result.success, path).toBe(false);
    }
    expect(messages(parse([change('household.birthDate', 'x')]))).toContain('path.invalid');
    expect(messages(parse([change(`a${'b'.repeat(120)}`, 'x')]))).toContain('path.tooLong');
  });

  it('requires path, base and value in every change', () => {
    expect(parse([{ path: 'description', value: 'x' }]).success).toBe(false);
    expect(parse([{ path: 'description', base: 'x' }]).success).toBe(false);
    expect(parse([{ base: null, value: 'x' }]).success).toBe(false);
  });
});

describe('FieldValue', () => {
  const parse = (value: unknown, base: unknown = null) =>
    v.safeParse(PushRequestSchema, push([setFields(1, { changes: [change('description', value, base)] })]));

  it('accepts a string up to 4000, a finite number, a boolean, null and up to 50 strings', () => {
    for (const value of [
      '',
      'Дах',
      'x'.repeat(FIELD_TEXT_MAX),
      0,
      -3.25,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
      null,
      [],
      ['a', 'b'],
      Array.from({ length: 50 }, (_, index) => `photo-${index}`),
    ]) {
      expect(parse(value).success, JSON.stringify(value)).toBe(true);
      expect(parse('x', value).success, `base ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it('rejects longer strings, non-finite numbers, longer lists, objects and mixed lists', () => {
    for (const value of [
      'x'.repeat(FIELD_TEXT_MAX + 1),
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Array.from({ length: 51 }, (_, index) => `photo-${index}`),
      [1, 2],
      ['a', null],
      [['nested']],
      { text: 'x' },
    ]) {
      expect(parse(value).success, String(value)).toBe(false);
      expect(parse('x', value).success, `base ${String(value)}`).toBe(false);
    }
  });

  it('applies to the fields of a submission too', () => {
    expect(
      v.safeParse(PushRequestSchema, push([mutation(1, { fields: { description: { a: 1 } } })])).success,
    ).toBe(false);
    expect(v.safeParse(PushRequestSchema, push([mutation(1, { fields: { 'bad path': 'x' } })])).success).toBe(
      false,
    );
    expect(
      v.safeParse(
        PushRequestSchema,
        push([mutation(1, { fields: { description: 'x'.repeat(FIELD_TEXT_MAX + 1) } })]),
      ).success,
    ).toBe(false);
  });
});

describe('record/resolveConflict', () => {
  const parse = (overrides: Record<string, unknown>) =>
    v.safeParse(PushRequestSchema, push([resolve(1, overrides)]));

  it('accepts either choice for a UUID conflict id', () => {
    expect(parse({ choice: 'server' }).success).toBe(true);
    expect(parse({ choice: 'client' }).success).toBe(true);
  });

  it('rejects a conflict id that is not a UUID', () => {
    for (const conflictId of ['', '42', 'not-a-uuid', `${CONFLICT_ID}0`, 7]) {
      const result = parse({ conflictId });
      expect(result.success, String(conflictId)).toBe(false);
    }
    expect(messages(parse({ conflictId: '42' }))).toContain('conflictId.invalid');
  });

  it('rejects any other choice', () => {
    for (const choice of ['both', 'Server', '', null, undefined]) {
      expect(parse({ choice }).success, String(choice)).toBe(false);
    }
    expect(messages(parse({ choice: 'both' }))).toContain('choice.invalid');
  });
});

describe('PushResponseSchema (v2 results)', () => {
  const base = {
    id: 1,
    recordId: '00000000-0000-4000-8000-000000000001',
    version: 3,
    acceptedAt: '2025-05-16T10:00:00.000Z',
  };

  it('accepts applied, merged, conflict and rejected results', () => {
    const results = [
      { ...base, status: 'applied' },
      { ...base, status: 'merged', amendments: ['propertyType'] },
      { ...base, status: 'conflict', conflicts: [{ conflictId: CONFLICT_ID, path: 'description' }] },
      { id: 1, recordId: base.recordId, status: 'rejected', reason: 'record.invalid', issues: [] },
    ];
    expect(v.safeParse(PushResponseSchema, { results, lastMutationId: 1 }).success).toBe(true);
  });

  it('requires version and acceptedAt on accepted results', () => {
    const { version: _version, ...noVersion } = base;
    const { acceptedAt: _acceptedAt, ...noAcceptedAt } = base;
    for (const result of [
      { ...noVersion, status: 'applied' },
      { ...noAcceptedAt, status: 'applied' },
      { ...base, status: 'merged' },
      { ...base, status: 'conflict' },
      { ...base, status: 'superseded' },
    ]) {
      expect(v.safeParse(PushResponseSchema, { results: [result], lastMutationId: 1 }).success).toBe(false);
    }
  });
});

describe('PullQuerySchema', () => {
  it('defaults the cursor and limit and converts the limit to a number', () => {
    expect(v.parse(PullQuerySchema, {})).toEqual({ after: '', limit: 100 });
    expect(v.parse(PullQuerySchema, { after: '12:345', limit: '7' })).toEqual({ after: '12:345', limit: 7 });
  });

  it('rejects bad cursors and limits', () => {
    for (const query of [
      { after: 'abc' },
      { after: '1'.repeat(65) },
      { limit: '0' },
      { limit: String(PULL_MAX_LIMIT + 1) },
      { limit: '-1' },
      { limit: '12345' },
    ]) {
      expect(v.safeParse(PullQuerySchema, query).success, JSON.stringify(query)).toBe(false);
    }
  });
});
