import * as v from 'valibot';
import { isWithin, KatottgCodeSchema } from './katottg-code';

// The official list of territories where hostilities are (or were) conducted or that are temporarily
// occupied (ministry order No. 376 of 28.02.2025 and its amendments; see reference-data/README.md).
// It changes several times a year, so it is data (public/katottg/hostilities.json), not code.

export const HOSTILITIES_SECTIONS = [
  'possible_hostilities',
  'active_hostilities',
  'active_hostilities_registries_working',
  'temporarily_occupied',
] as const;
export type HostilitiesSection = (typeof HOSTILITIES_SECTIONS)[number];

const IsoDateSchema = v.pipe(v.string(), v.isoDate());

const HostilitiesEntrySchema = v.object({
  /** A hromada, raion, oblast or special city covers everything inside it; a settlement covers itself and its districts. */
  katottg: KatottgCodeSchema,
  section: v.picklist(HOSTILITIES_SECTIONS),
  /** First day, inclusive. */
  startDate: IsoDateSchema,
  /** Last day, read as inclusive; null while it lasts. */
  endDate: v.nullable(IsoDateSchema),
  /** Settlements the source names as excluded ("за винятком …"), resolved to codes at build time. */
  except: v.optional(v.array(KatottgCodeSchema)),
});
export type HostilitiesEntry = v.InferOutput<typeof HostilitiesEntrySchema>;

export const HostilitiesListSchema = v.object({
  /** Date of the consolidated text, e.g. '2025-05-07'. */
  version: IsoDateSchema,
  /** Provenance line. */
  source: v.string(),
  /** Codifier state the codes were checked against. */
  codifierVersion: IsoDateSchema,
  entries: v.array(HostilitiesEntrySchema),
});
export type HostilitiesList = v.InferOutput<typeof HostilitiesListSchema>;

/** Checks public/katottg/hostilities.json; throws valibot's ValiError if it is not a list. */
export function parseHostilitiesList(json: unknown): HostilitiesList {
  return v.parse(HostilitiesListSchema, json);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The entries covering the address on that date (a territory can be in several periods, and a hromada
 * entry and an entry for one of its villages can both apply).
 *
 * Known limitation: exclusions the source writes in a way no code expresses ("частина м. Золотого",
 * an ambiguous village name; listed in hostilities.json under exclusionsUnresolved) are not applied, so
 * such places count as covered by the larger entry.
 */
export function territoryStatusOn(
  list: HostilitiesList,
  katottgCode: string,
  dateISO: string,
): HostilitiesEntry[] {
  if (!ISO_DATE.test(dateISO)) throw new RangeError(`not an ISO date: ${dateISO}`);
  // ISO dates compare correctly as strings.
  return list.entries.filter(
    (entry) =>
      entry.startDate <= dateISO &&
      (entry.endDate === null || dateISO <= entry.endDate) &&
      isWithin(katottgCode, entry.katottg) &&
      !(entry.except ?? []).some((excluded) => isWithin(katottgCode, excluded)),
  );
}

const OCCUPIED_OR_ACTIVE: ReadonlySet<HostilitiesSection> = new Set([
  'temporarily_occupied',
  'active_hostilities',
  'active_hostilities_registries_working',
]);

/** Whether, on that date, the address is occupied or under active hostilities with no end date set. */
export function isOccupiedOrActiveWithoutEndOn(
  list: HostilitiesList,
  katottgCode: string,
  dateISO: string,
): boolean {
  return territoryStatusOn(list, katottgCode, dateISO).some(
    (entry) => entry.endDate === null && OCCUPIED_OR_ACTIVE.has(entry.section),
  );
}

export type LivingAllowanceTerritoryReason =
  | 'territory.temporarilyOccupied'
  | 'territory.activeHostilities'
  | 'territory.possibleHostilities';

// Strongest first, so the reason shown is the one a caseworker would cite.
const REASON_BY_SECTION: readonly [HostilitiesSection, LivingAllowanceTerritoryReason][] = [
  ['temporarily_occupied', 'territory.temporarilyOccupied'],
  ['active_hostilities', 'territory.activeHostilities'],
  ['active_hostilities_registries_working', 'territory.activeHostilities'],
  ['possible_hostilities', 'territory.possibleHostilities'],
];

/**
 * The territory part of the IDP living allowance (CMU resolution 332): since August 2023 it is paid
 * only to people from listed territories for which no end date is set (the other way in, destroyed
 * housing, is decided elsewhere). Returns a translation key naming the reason, or null.
 *
 * Our reading (unconfirmed): "no end date" covers every section, including possible hostilities, whose
 * end is called "припинення можливості бойових дій" in the resolution. The reasons stay distinct so the
 * eligibility policy can drop one without touching this function.
 */
export function livingAllowanceTerritoryReason(
  list: HostilitiesList,
  katottgCode: string,
  dateISO: string,
): LivingAllowanceTerritoryReason | null {
  const open = territoryStatusOn(list, katottgCode, dateISO).filter((entry) => entry.endDate === null);
  for (const [section, reason] of REASON_BY_SECTION)
    if (open.some((entry) => entry.section === section)) return reason;
  return null;
}
