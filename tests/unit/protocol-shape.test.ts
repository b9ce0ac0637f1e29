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

/**
 * Fingerprint of the wire shape of every protocol message, per protocol version. When a schema below
 * changes, the test fails: bump PROTOCOL_VERSION and add the new fingerprint (printed in the failure)
 * as a new row. Old rows stay as a record of what each version looked like.
 */
const FINGERPRINTS: Readonly<Record<number, string>> = {
  1: 'a1cda8f03642c282054607065f221f19041981ef9e27a58c3b449eebb1b8bfcd',
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
let recordCounter = 0;

function mutation(id: number, overrides: Record<string, unknown> = {}) {
  recordCounter++;
  return {
    id,
    type: 'damageReport/submit',
    recordId: `00000000-0000-4000-8000-${String(recordCounter).padStart(12, '0')}`,
    reference: createReferenceNumber((bytes) => bytes.fill(recordCounter % 256)),
    capturedAt: '2025-05-16T08:30:00.000Z',
    data: { propertyType: 'house', oblast: 'UA80000000000093317', description: 'Розбито вікна й дах' },
    ...overrides,
  };
}

function push(mutations: unknown[], overrides: Record<string, unknown> = {}) {
  return { protocolVersion: PROTOCOL_VERSION, clientId: CLIENT_ID, mutations, ...overrides };
}

function messages(result: v.SafeParseResult<typeof PushRequestSchema>): string[] {
  return result.success ? [] : result.issues.map((issue) => issue.message);
}

describe('PushRequestSchema', () => {
  it('accepts a well-formed push', () => {
    const result = v.safeParse(PushRequestSchema, push([mutation(1), mutation(2), mutation(7)]));
    expect(result.success).toBe(true);
  });

  it('requires mutation ids to increase strictly', () => {
    expect(messages(v.safeParse(PushRequestSchema, push([mutation(2), mutation(1)])))).toContain(
      'push.idsNotIncreasing',
    );
    expect(messages(v.safeParse(PushRequestSchema, push([mutation(3), mutation(3)])))).toContain(
      'push.idsNotIncreasing',
    );
    expect(v.safeParse(PushRequestSchema, push([mutation(1), mutation(5), mutation(4)])).success).toBe(false);
  });

  it(`accepts up to ${PUSH_MAX_MUTATIONS} mutations and refuses more, and refuses none`, () => {
    const atLimit = Array.from({ length: PUSH_MAX_MUTATIONS }, (_, index) => mutation(index + 1));
    expect(v.safeParse(PushRequestSchema, push(atLimit)).success).toBe(true);
    const overLimit = [...atLimit, mutation(PUSH_MAX_MUTATIONS + 1)];
    expect(messages(v.safeParse(PushRequestSchema, push(overLimit)))).toContain('push.tooMany');
    expect(messages(v.safeParse(PushRequestSchema, push([])))).toContain('push.empty');
  });

  it('rejects an unknown mutation type', () => {
    const result = v.safeParse(PushRequestSchema, push([mutation(1, { type: 'damageReport/delete' })]));
    expect(messages(result)).toContain('mutation.unknownType');
  });

  it('rejects extra keys in the envelope and in a mutation (strict objects)', () => {
    expect(v.safeParse(PushRequestSchema, push([mutation(1)], { debug: true })).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, push([mutation(1, { state: 'queued' })])).success).toBe(false);
  });

  it('rejects malformed identifiers, ids and references', () => {
    const cases: Array<[unknown, string]> = [
      [push([mutation(1)], { clientId: 'not-a-uuid' }), 'clientId.invalid'],
      [push([mutation(1, { recordId: '123' })]), 'recordId.invalid'],
      [push([mutation(0)]), 'mutationId.invalid'],
      [push([mutation(1.5)]), 'mutationId.invalid'],
      [push([mutation(Number.MAX_SAFE_INTEGER + 2)]), 'mutationId.invalid'],
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
