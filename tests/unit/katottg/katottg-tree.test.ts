import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  decodeOblastFile,
  KatottgFileError,
  pathOf,
  searchSettlements,
} from '../../../src/shared/domain/katottg';
import { CHERKASY_OBLAST, KYIV_CITY, KYIV_OBLAST, oblastTree, readPublicJson } from './katottg-files';

const names = (units: readonly { name: string }[]) => units.map((unit) => unit.name);

describe('decodeOblastFile', () => {
  it('rebuilds full codes from the code tails', () => {
    const tree = oblastTree('UA12000000000090473');
    expect(tree.root).toMatchObject({ code: 'UA12000000000090473', name: 'Дніпропетровська', category: 'O' });
    expect(tree.units.get('UA12080110010027403')).toEqual({
      code: 'UA12080110010027403',
      name: 'Покровське',
      category: 'C',
      level: 'settlement',
      parent: 'UA12080110000055958',
    });
  });

  it.each([
    ['null', null],
    ['another format', { format: 2, version: 'x', source: 'y', tree: [] }],
    [
      'a bad node',
      { format: 1, version: 'x', source: 'y', tree: ['UA05000000000010236', 'Вінницька', 'O', [[1]]] },
    ],
    [
      'a bad category',
      { format: 1, version: 'x', source: 'y', tree: ['UA05000000000010236', 'Вінницька', 'Z'] },
    ],
    [
      'a non-top-level root',
      { format: 1, version: 'x', source: 'y', tree: ['UA05020000000010236', 'Р', 'P'] },
    ],
  ])('refuses %s with KatottgFileError', (_label, json) => {
    expect(() => decodeOblastFile(json)).toThrow(KatottgFileError);
  });

  it('refuses a truncated file', () => {
    const file = readPublicJson(`${KYIV_CITY}.json`) as { tree: unknown[] };
    const children = file.tree[3] as unknown[][];
    const broken = { ...file, tree: [...file.tree.slice(0, 3), [children[0]!.slice(0, 2)]] };
    expect(() => decodeOblastFile(broken)).toThrow('katottg.invalidFile');
  });
});

describe('childrenOf and pathOf', () => {
  const kyivOblast = oblastTree(KYIV_OBLAST);

  it('lists the raions of Kyiv oblast and the two settlements of the exclusion zone that belong to none', () => {
    const children = childrenOf(kyivOblast, KYIV_OBLAST);
    expect(children.filter((unit) => unit.category === 'P')).toHaveLength(7);
    expect(
      children.filter((unit) => unit.category !== 'P').map(({ name, category }) => ({ name, category })),
    ).toEqual([
      { name: 'Прип’ять', category: 'M' },
      { name: 'Чорнобиль', category: 'M' },
    ]);
  });

  it('walks raion → hromadas → settlements', () => {
    const brovarskyi = childrenOf(kyivOblast, KYIV_OBLAST).find((unit) => unit.name === 'Броварський')!;
    const hromadas = childrenOf(kyivOblast, brovarskyi.code);
    expect(hromadas.every((unit) => unit.category === 'H')).toBe(true);
    const brovarska = hromadas.find((unit) => unit.name === 'Броварська')!;
    expect(names(childrenOf(kyivOblast, brovarska.code))).toContain('Бровари');
    expect(childrenOf(kyivOblast, 'UA32060050010081797')).toEqual([]);
    expect(childrenOf(kyivOblast, 'UA00000000000000000')).toEqual([]);
  });

  it('lists Kyiv city districts under the city itself', () => {
    const kyiv = oblastTree(KYIV_CITY);
    expect(childrenOf(kyiv, KYIV_CITY)).toHaveLength(10);
    expect(names(childrenOf(kyiv, KYIV_CITY))).toContain('Печерський');
  });

  it('pathOf goes from the oblast down to the unit', () => {
    expect(names(pathOf(kyivOblast, 'UA32060050010081797'))).toEqual([
      'Київська',
      'Броварський',
      'Броварська',
      'Бровари',
    ]);
    expect(names(pathOf(kyivOblast, 'UA32000000010085013'))).toEqual(['Київська', 'Прип’ять']);
    expect(pathOf(kyivOblast, 'UA12080110010027403')).toEqual([]);
  });
});

describe('searchSettlements', () => {
  const kyivOblast = oblastTree(KYIV_OBLAST);
  const cherkasy = oblastTree(CHERKASY_OBLAST);

  it('finds Бровари the city first, with its raion and hromada', () => {
    const [first] = searchSettlements(kyivOblast, 'Бровари', 5);
    expect(first).toMatchObject({
      unit: { code: 'UA32060050010081797', name: 'Бровари', category: 'M' },
      raion: { name: 'Броварський', category: 'P' },
      hromada: { name: 'Броварська', category: 'H' },
    });
  });

  it('matches while typing, case-insensitively, and puts cities before villages', () => {
    const hits = searchSettlements(kyivOblast, 'бро', 50);
    expect(hits[0]!.unit.name).toBe('Бровари');
    const ranks = hits.map((hit) => ({ M: 0, X: 1, C: 2 })[hit.unit.category as 'M' | 'X' | 'C']);
    expect(ranks).toEqual([...ranks].sort());
    expect(hits.every((hit) => hit.unit.name.toLowerCase().startsWith('бро'))).toBe(true);
  });

  it('returns every village of a shared name, each with a different path', () => {
    const hits = searchSettlements(kyivOblast, 'Тарасівка', 50).filter(
      (hit) => hit.unit.name === 'Тарасівка',
    );
    expect(hits).toHaveLength(12);
    expect(new Set(hits.map((hit) => hit.hromada!.code)).size).toBe(12);
    expect(hits.every((hit) => hit.raion !== null)).toBe(true);
  });

  it.each(["кам'янка", 'камʼянка', 'Кам’янка', 'КАМ`ЯНКА'])(
    'treats apostrophe variants alike: %s',
    (query) => {
      const hits = searchSettlements(cherkasy, query, 10);
      expect(hits[0]!.unit).toMatchObject({ name: 'Кам’янка', category: 'M' });
      expect(names(hits.map((hit) => hit.unit))).toContain('Чорна Кам’янка');
    },
  );

  it('matches the start of a later word, after names that start with the query', () => {
    const hits = searchSettlements(kyivOblast, 'церква', 10);
    expect(hits[0]!.unit).toMatchObject({ name: 'Біла Церква', category: 'M' });
    expect(searchSettlements(kyivOblast, 'ерква', 10)).toEqual([]);
  });

  it('ranks an exact name before longer names of a higher category', () => {
    const hits = searchSettlements(cherkasy, 'Кам’янка', 20);
    const exact = hits.filter((hit) => hit.unit.name === 'Кам’янка');
    expect(hits.slice(0, exact.length)).toEqual(exact);
  });

  it('ignores a typed type prefix and respects the limit', () => {
    expect(searchSettlements(kyivOblast, 'м. Бровари', 1)[0]!.unit.name).toBe('Бровари');
    expect(searchSettlements(kyivOblast, 'с', 7)).toHaveLength(7);
    expect(searchSettlements(kyivOblast, '   ', 7)).toEqual([]);
    expect(searchSettlements(kyivOblast, 'Бровари', 0)).toEqual([]);
  });

  it('offers Kyiv itself in the Kyiv city file, and never raions, hromadas or districts', () => {
    const kyiv = oblastTree(KYIV_CITY);
    expect(searchSettlements(kyiv, 'Київ', 5).map((hit) => hit.unit.code)).toEqual([KYIV_CITY]);
    expect(searchSettlements(kyiv, 'Печер', 5)).toEqual([]);
    expect(
      searchSettlements(kyivOblast, 'Броварськ', 5).every((hit) => hit.unit.level === 'settlement'),
    ).toBe(true);
  });
});
