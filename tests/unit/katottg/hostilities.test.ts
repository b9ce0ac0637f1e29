import { describe, expect, it } from 'vitest';
import {
  type HostilitiesList,
  isOccupiedOrActiveWithoutEndOn,
  livingAllowanceTerritoryReason,
  territoryStatusOn,
} from '../../../src/shared/domain/katottg';
import { hostilitiesList } from './katottg-files';

// Real codes (codifier of 16.05.2025) and periods (list of 07.05.2025).
const MARHANETS_HROMADA = 'UA12080010000029838';
const MARHANETS_CITY = 'UA12080010010085669';
const MARIIVKA_IN_MARHANETS = 'UA12080010020082770';
const MYRIVSKA_HROMADA = 'UA12080030000022466';
const VYSHCHETARASIVKA = 'UA12080030040092116'; // excluded from the Мирівська hromada entry
const POKROVSKE = 'UA12080110010027403';
const KATERYNIVKA = 'UA12080110030049053'; // same hromada as Покровське, not on the list
const KYIV_PECHERSKYI = 'UA80000000000624772';
const CRIMEA_VILLAGE = 'UA01020010010075540'; // Андріївка, Бахчисарайський raion
const LVIV_CITY = 'UA46060250010015970';

const sections = (list: HostilitiesList, code: string, date: string) =>
  territoryStatusOn(list, code, date).map((entry) => `${entry.section} ${entry.katottg}`);

describe('territoryStatusOn', () => {
  const list = hostilitiesList();

  it.each([
    // Марганецька hromada: four consecutive periods.
    [MARHANETS_HROMADA, '2022-09-08', []],
    [MARHANETS_HROMADA, '2022-09-09', ['active_hostilities']],
    [MARHANETS_HROMADA, '2023-05-30', ['active_hostilities']],
    [MARHANETS_HROMADA, '2023-07-01', ['active_hostilities_registries_working']],
    [MARHANETS_HROMADA, '2024-11-30', ['possible_hostilities']],
    [MARHANETS_HROMADA, '2024-12-01', ['active_hostilities_registries_working']],
    [MARHANETS_HROMADA, '2025-05-07', ['active_hostilities_registries_working']],
    // Kyiv city: active hostilities 24.02.2022–30.04.2022.
    [KYIV_PECHERSKYI, '2022-02-23', []],
    [KYIV_PECHERSKYI, '2022-04-30', ['active_hostilities']],
    [KYIV_PECHERSKYI, '2022-05-01', []],
    // Покровське (a village entry): active 06.12.2022–31.12.2022, then possible with no end.
    [POKROVSKE, '2022-12-05', []],
    [POKROVSKE, '2022-12-31', ['active_hostilities']],
    [POKROVSKE, '2023-01-01', ['possible_hostilities']],
    [POKROVSKE, '2030-01-01', ['possible_hostilities']],
  ])('%s on %s', (code, date, expected) => {
    expect(territoryStatusOn(list, code, date).map((entry) => entry.section)).toEqual(expected);
  });

  it('reads both ends as inclusive: on a day where the source makes two periods meet, both apply', () => {
    expect(
      territoryStatusOn(list, MARHANETS_HROMADA, '2023-10-13')
        .map((entry) => entry.section)
        .sort(),
    ).toEqual(['active_hostilities_registries_working', 'possible_hostilities']);
  });

  it('applies a hromada entry to every settlement inside it (first 9 code characters)', () => {
    for (const code of [MARHANETS_CITY, MARIIVKA_IN_MARHANETS])
      expect(sections(list, code, '2023-01-01')).toEqual([`active_hostilities ${MARHANETS_HROMADA}`]);
  });

  it('applies a settlement entry to that settlement only', () => {
    expect(sections(list, POKROVSKE, '2024-01-01')).toEqual([`possible_hostilities ${POKROVSKE}`]);
    expect(sections(list, KATERYNIVKA, '2024-01-01')).toEqual([]);
  });

  it('leaves out the settlements a hromada entry excludes ("за винятком")', () => {
    expect(sections(list, VYSHCHETARASIVKA, '2024-01-01')).toEqual([
      `active_hostilities_registries_working ${VYSHCHETARASIVKA}`,
    ]);
    // Before the exclusion period the hromada entry had none, so the village was covered by it too.
    expect(sections(list, VYSHCHETARASIVKA, '2023-01-01')).toEqual([
      `active_hostilities ${MYRIVSKA_HROMADA}`,
    ]);
  });

  it('applies an oblast-level entry (Crimea) to everything in it', () => {
    expect(territoryStatusOn(list, CRIMEA_VILLAGE, '2014-02-19')).toEqual([]);
    expect(territoryStatusOn(list, CRIMEA_VILLAGE, '2014-02-20').map((entry) => entry.section)).toEqual([
      'temporarily_occupied',
    ]);
  });

  it('finds nothing for a place never on the list, and refuses a non-ISO date', () => {
    expect(territoryStatusOn(list, LVIV_CITY, '2024-01-01')).toEqual([]);
    expect(() => territoryStatusOn(list, LVIV_CITY, '01.01.2024')).toThrow(RangeError);
  });
});

describe('living allowance territory', () => {
  const list = hostilitiesList();

  it.each([
    [CRIMEA_VILLAGE, '2025-01-01', 'territory.temporarilyOccupied', true],
    [MARHANETS_CITY, '2025-01-01', 'territory.activeHostilities', true],
    // Possible hostilities with no end date: a reason of its own (see hostilities.ts on this reading).
    [POKROVSKE, '2025-01-01', 'territory.possibleHostilities', false],
    // In the list, but with an end date: no longer a reason.
    [MARHANETS_CITY, '2024-06-01', null, false],
    [KYIV_PECHERSKYI, '2022-03-01', null, false],
    [KATERYNIVKA, '2025-01-01', null, false],
    [LVIV_CITY, '2025-01-01', null, false],
  ])('%s on %s → %s', (code, date, reason, occupiedOrActive) => {
    expect(livingAllowanceTerritoryReason(list, code, date)).toBe(reason);
    expect(isOccupiedOrActiveWithoutEndOn(list, code, date)).toBe(occupiedOrActive);
  });

  it('prefers occupation over hostilities when both apply', () => {
    const both: HostilitiesList = {
      ...list,
      entries: [
        {
          katottg: MARHANETS_HROMADA,
          section: 'possible_hostilities',
          startDate: '2024-01-01',
          endDate: null,
        },
        { katottg: MARHANETS_CITY, section: 'temporarily_occupied', startDate: '2024-01-01', endDate: null },
      ],
    };
    expect(livingAllowanceTerritoryReason(both, MARHANETS_CITY, '2024-02-01')).toBe(
      'territory.temporarilyOccupied',
    );
    expect(livingAllowanceTerritoryReason(both, MARIIVKA_IN_MARHANETS, '2024-02-01')).toBe(
      'territory.possibleHostilities',
    );
  });
});
