import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHILD_EXISTS,
  type ChildRow,
  childPath,
  childRows,
  type FieldMap,
  type FieldValue,
  splitPath,
  topLevelFields,
  withChildRow,
  withoutChildRow,
} from '../../src/shared/record';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('paths', () => {
  it('childPath and splitPath are inverse', () => {
    expect(childPath('household', A, 'birthDate')).toBe(`household/${A}/birthDate`);
    expect(splitPath(`household/${A}/birthDate`)).toEqual({
      collection: 'household',
      childId: A,
      field: 'birthDate',
    });
  });

  it('a top-level path or a malformed one is not a child path', () => {
    expect(splitPath('description')).toBeNull();
    expect(splitPath(`household/${A}`)).toBeNull();
    expect(splitPath(`household/${A}/birthDate/x`)).toBeNull();
  });
});

describe('topLevelFields', () => {
  it('keeps only paths without a slash', () => {
    const map = withChildRow({ description: 'Дах', area: 54.3, consent: true }, 'household', {
      id: A,
      fields: { name: 'Іван' },
    });
    expect(topLevelFields(map)).toEqual({ description: 'Дах', area: 54.3, consent: true });
  });
});

describe('withChildRow / childRows', () => {
  it('writes a row with its existence marker and reads it back without the marker', () => {
    const map = withChildRow({}, 'household', { id: A, fields: { name: 'Іван', birthDate: '2015-06-01' } });
    expect(map).toEqual({
      [`household/${A}/${CHILD_EXISTS}`]: true,
      [`household/${A}/name`]: 'Іван',
      [`household/${A}/birthDate`]: '2015-06-01',
    });
    expect(childRows(map, 'household')).toEqual([
      { id: A, fields: { name: 'Іван', birthDate: '2015-06-01' } },
    ]);
  });

  it('lists rows in the order their ids first appear, and only the asked collection', () => {
    let map: FieldMap = { description: 'x' };
    map = withChildRow(map, 'household', { id: B, fields: { name: 'b' } });
    map = withChildRow(map, 'photos', { id: C, fields: { caption: 'c' } });
    map = withChildRow(map, 'household', { id: A, fields: { name: 'a' } });
    expect(childRows(map, 'household').map((row) => row.id)).toEqual([B, A]);
    expect(childRows(map, 'photos')).toEqual([{ id: C, fields: { caption: 'c' } }]);
    expect(childRows(map, 'vehicles')).toEqual([]);
  });

  it('writing a row again updates its fields and keeps its place', () => {
    let map: FieldMap = withChildRow({}, 'household', { id: A, fields: { name: 'a' } });
    map = withChildRow(map, 'household', { id: B, fields: { name: 'b' } });
    map = withChildRow(map, 'household', { id: A, fields: { name: 'a2', birthDate: '2001-01-01' } });
    expect(childRows(map, 'household')).toEqual([
      { id: A, fields: { name: 'a2', birthDate: '2001-01-01' } },
      { id: B, fields: { name: 'b' } },
    ]);
  });

  it('does not modify the map it was given', () => {
    const map = { description: 'x' };
    withChildRow(map, 'household', { id: A, fields: { name: 'a' } });
    withoutChildRow(map, 'household', A);
    expect(map).toEqual({ description: 'x' });
  });

  it('fields of a row without an existence marker (e.g. a concurrent edit) are not a row', () => {
    expect(childRows({ [`household/${A}/name`]: 'a' }, 'household')).toEqual([]);
  });
});

describe('withoutChildRow', () => {
  it('a removed row disappears from childRows but its fields stay in the map', () => {
    let map: FieldMap = withChildRow({}, 'household', { id: A, fields: { name: 'a' } });
    map = withChildRow(map, 'household', { id: B, fields: { name: 'b' } });
    map = withoutChildRow(map, 'household', A);
    expect(childRows(map, 'household')).toEqual([{ id: B, fields: { name: 'b' } }]);
    expect(map[`household/${A}/${CHILD_EXISTS}`]).toBe(false);
    expect(map[`household/${A}/name`]).toBe('a');
  });

  it('a removed row written again comes back', () => {
    let map: FieldMap = withChildRow({}, 'household', { id: A, fields: { name: 'a' } });
    map = withoutChildRow(map, 'household', A);
    map = withChildRow(map, 'household', { id: A, fields: { name: 'a' } });
    expect(childRows(map, 'household')).toEqual([{ id: A, fields: { name: 'a' } }]);
  });
});

// ---------------------------------------------------------------------------------------------------

const nameArb = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
const valueArb: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);
const fieldsArb = fc.dictionary(nameArb, valueArb, { maxKeys: 5 });
const rowsArb: fc.Arbitrary<ChildRow[]> = fc.uniqueArray(fc.record({ id: fc.uuid(), fields: fieldsArb }), {
  selector: (row) => row.id,
  maxLength: 4,
});

interface Structure {
  top: Record<string, FieldValue>;
  collections: Record<string, ChildRow[]>;
}

const structureArb: fc.Arbitrary<Structure> = fc.record({
  top: fieldsArb,
  collections: fc.dictionary(nameArb, rowsArb, { maxKeys: 3 }),
});

function flatten(structure: Structure): FieldMap {
  let map: FieldMap = { ...structure.top };
  for (const [collection, rows] of Object.entries(structure.collections)) {
    for (const row of rows) map = withChildRow(map, collection, row);
  }
  return map;
}

describe('child rows: properties', () => {
  it('structure → flatten → structure is the identity', () => {
    fc.assert(
      fc.property(structureArb, (structure) => {
        const map = flatten(structure);
        expect(topLevelFields(map)).toEqual(structure.top);
        for (const [collection, rows] of Object.entries(structure.collections)) {
          expect(childRows(map, collection)).toEqual(rows);
        }
      }),
    );
  });

  it('removing rows leaves exactly the others, in order, and keeps the top-level fields', () => {
    fc.assert(
      fc.property(fieldsArb, rowsArb, fc.func(fc.boolean()), (top, rows, remove) => {
        let map = flatten({ top, collections: { household: rows } });
        const removed = rows.filter((row) => remove(row.id));
        for (const row of removed) map = withoutChildRow(map, 'household', row.id);
        expect(childRows(map, 'household')).toEqual(rows.filter((row) => !removed.includes(row)));
        expect(topLevelFields(map)).toEqual(top);
      }),
    );
  });
});
