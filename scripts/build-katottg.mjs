// Turns the two reference CSVs (reference-data/README.md) into the files the address picker loads:
// public/katottg/<top-level code>.json (one per oblast, fetched only when a person picks that oblast, so
// nothing of it is on the first-load path), public/katottg/index.json, public/katottg/hostilities.json,
// and the version constants the service worker names its cache after.
//
//   node scripts/build-katottg.mjs          writes the files and prints their sizes
//   node scripts/build-katottg.mjs --check  exits 1 if a committed file differs from what the CSVs give
//
// The output is deterministic (sorted, no timestamps) so a rebuild from the same CSVs changes nothing.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODIFIER_CSV = 'reference-data/katottg-2025-05-16.csv';
const HOSTILITIES_CSV = 'reference-data/hostilities-territories-2025-05-07.csv';
const OUT_DIR = 'public/katottg';
const VERSION_FILE = 'src/shared/domain/katottg/katottg-version.ts';
/** Bumped when the shape of the generated files changes, so a decoder can refuse what it cannot read. */
const FORMAT = 1;

// The provenance lines of reference-data/README.md travel with the data.
const CODIFIER_SOURCE =
  'Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад ' +
  '(Ministry for Development of Communities and Territories of Ukraine), state of 16.05.2025, ' +
  'national open-data portal data.gov.ua; converted from reference-data/katottg-2025-05-16.csv';
const HOSTILITIES_SOURCE =
  'Перелік територій, на яких ведуться (велися) бойові дії або тимчасово окупованих Російською ' +
  'Федерацією, order No. 376 of 28.02.2025 of the Ministry for Development of Communities and ' +
  'Territories of Ukraine with the amendments of orders No. 748 (23.04.2025) and No. 779 (30.04.2025), ' +
  'consolidated text of 07.05.2025; converted from reference-data/hostilities-territories-2025-05-07.csv';

const CATEGORIES = new Set(['O', 'K', 'P', 'H', 'M', 'X', 'C', 'B']);
const SECTIONS = new Set([
  'possible_hostilities',
  'active_hostilities',
  'active_hostilities_registries_working',
  'temporarily_occupied',
]);
const CODE = /^UA\d{17}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------------
// Code structure. Mirrors src/shared/domain/katottg/katottg-code.ts (this script runs on plain Node and
// cannot import TypeScript); the unit tests decode the output with the TypeScript version, so a drift
// between the two fails there.

/** Characters of the code that identify a unit at each level: 'UA' + oblast 2, raion 2, hromada 3, settlement 3, district 2. */
const PREFIX_LENGTH = { oblast: 4, raion: 6, hromada: 9, settlement: 12, district: 14 };

/** The deepest non-zero part of the code; a higher-level unit has zeros below its own level. */
function levelOf(code) {
  if (code.slice(12, 14) !== '00') return 'district';
  if (code.slice(9, 12) !== '000') return 'settlement';
  if (code.slice(6, 9) !== '000') return 'hromada';
  if (code.slice(4, 6) !== '00') return 'raion';
  return 'oblast';
}

const structuralPrefix = (code) => code.slice(0, PREFIX_LENGTH[levelOf(code)]);

// ---------------------------------------------------------------------------------------------------
// CSV reading

function readText(path) {
  // The README promises a BOM that the file does not have: accept either.
  return readFileSync(join(ROOT, path), 'utf8').replace(/^\uFEFF/, '');
}

/** RFC 4180 fields: the hostilities file quotes names that contain commas. */
function parseCsvLine(line, separator) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) throw new Error(`unterminated quote: ${line}`);
  fields.push(field);
  return fields;
}

function readCsv(path, separator, columns) {
  const lines = readText(path)
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  return lines.slice(1).map((line, index) => {
    const fields = parseCsvLine(line, separator);
    if (fields.length !== columns)
      throw new Error(`${path}:${index + 2}: ${fields.length} columns, expected ${columns}`);
    return fields;
  });
}

// ---------------------------------------------------------------------------------------------------
// The codifier

/** Units with their parent. The parent is the previous level column, so Kyiv's districts hang off the city and Прип’ять off Kyiv oblast. */
function readCodifier() {
  const units = readCsv(CODIFIER_CSV, ';', 7).map((fields, index) => {
    const levels = fields.slice(0, 5).map((field) => field.trim());
    const filled = levels.filter((field) => field !== '');
    const code = filled.at(-1);
    const category = fields[5].trim();
    const name = fields[6].trim();
    const where = `${CODIFIER_CSV}:${index + 2}`;
    if (!code || !CODE.test(code)) throw new Error(`${where}: bad code ${code}`);
    if (!CATEGORIES.has(category)) throw new Error(`${where}: unknown category ${category}`);
    if (name === '') throw new Error(`${where}: empty name`);
    const parent = filled.length > 1 ? filled.at(-2) : null;
    if (parent !== null && !code.startsWith(structuralPrefix(parent)))
      throw new Error(`${where}: ${code} is not inside its parent ${parent}`);
    return { code, parent, category, name };
  });
  const byCode = new Map();
  for (const unit of units) {
    if (byCode.has(unit.code)) throw new Error(`duplicate code ${unit.code}`);
    byCode.set(unit.code, unit);
  }
  for (const unit of units)
    if (unit.parent !== null && !byCode.has(unit.parent))
      throw new Error(`${unit.code}: parent ${unit.parent} missing`);
  // Code order is the codifier's own order (centre first, then alphabetical) except for one stray row.
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { units, byCode };
}

/**
 * Nested nodes `[codeTail, name, category, children?]`. `codeTail` is the code without the parent's
 * structural prefix (e.g. a village under hromada UA0502001… stores only `0010075540`): every child
 * repeats that prefix, so leaving it out saves about an eighth of the gzip size. The top-level node
 * carries its full code.
 */
function oblastTree(top, units) {
  const nodes = new Map();
  const root = [top.code, top.name, top.category];
  nodes.set(top.code, root);
  for (const unit of units) {
    if (unit === top) continue;
    const node = [unit.code.slice(structuralPrefix(unit.parent).length), unit.name, unit.category];
    nodes.set(unit.code, node);
    const parent = nodes.get(unit.parent);
    if (parent.length === 3) parent.push([]);
    parent[3].push(node);
  }
  return root;
}

/** How the app names a top-level unit: the codifier has the adjective («Вінницька») and the bare city name. */
function displayName(unit) {
  if (unit.category === 'K') return `м. ${unit.name}`;
  if (unit.name.startsWith('Автономна Республіка')) return unit.name;
  return `${unit.name} область`;
}

// ---------------------------------------------------------------------------------------------------
// The hostilities list

const normaliseName = (name) =>
  name
    .replace(/[’'ʼ`]/g, '’')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const EXCLUSION_CATEGORY = { 'с.': ['C'], 'с-ще': ['X'], 'с-ще.': ['X'], смт: ['X'], 'м.': ['M'] };
// The source's lists are hand-typed: commas are sometimes missing ("с. Новокаїри с. Республіканець") or
// replaced by «та», so an item ends at a comma, at «та», or where the next settlement-type prefix starts.
const EXCLUSION_ITEM =
  /(частина\s+)?(с-ще\.?|смт|с\.|м\.)\s*([^,(]+?)\s*(?:\(([^)]*)\))?\s*(?=,|\sта\s|(?:с-ще|смт|с\.|м\.)\s|$)/g;

/**
 * "… громада за винятком с. A, с-ще B": the named settlements are not covered by the entry. Each name is
 * looked up among the settlements inside the entry's unit; anything that is not exactly one settlement
 * (a part of a city, an ambiguous or unknown name) is reported, never guessed.
 */
function resolveExclusions(entryCode, name, codifier) {
  const at = name.indexOf('за винятком');
  if (at === -1) return { except: [], unresolved: [] };
  const text = name.slice(at + 'за винятком'.length).replace(/^[:\s]+/, '');
  const prefix = structuralPrefix(entryCode);
  const inside = codifier.units.filter(
    (unit) => unit.code.startsWith(prefix) && ['M', 'X', 'C'].includes(unit.category),
  );
  const except = [];
  const unresolved = [];
  for (const match of text.matchAll(EXCLUSION_ITEM)) {
    const [item, part, kind, settlementName, aside] = match;
    if (part) {
      unresolved.push({ item: item.trim(), reason: 'part of a settlement; cannot be expressed by a code' });
      continue;
    }
    const candidates = exclusionCandidates(inside, kind, settlementName, aside);
    if (candidates.length === 1) except.push(candidates[0].code);
    else
      unresolved.push({
        item: item.trim(),
        reason: candidates.length === 0 ? 'no such settlement inside the unit' : 'ambiguous name',
      });
  }
  return { except: [...new Set(except)].sort(), unresolved };
}

/**
 * The aside is either the code that disambiguates two same-named villages, or the settlement's other
 * name (renamed since: «с-ще Грейгове (с-ще Миролюбове)»). The type prefix is trusted only when it
 * narrows the choice: the list still calls some villages «с-ще».
 */
function exclusionCandidates(inside, kind, settlementName, aside) {
  if (aside && /^UA\d{17}$/.test(aside.trim())) return inside.filter((unit) => unit.code === aside.trim());
  const names = [settlementName, aside?.replace(/^(с-ще\.?|смт|с\.|м\.)\s*/, '')].filter(Boolean);
  for (const candidateName of names) {
    const sameName = inside.filter((unit) => normaliseName(unit.name) === normaliseName(candidateName));
    const sameKind = sameName.filter((unit) => EXCLUSION_CATEGORY[kind].includes(unit.category));
    if (sameKind.length > 0) return sameKind;
    if (sameName.length > 0) return sameName;
  }
  return [];
}

function readHostilities(codifier) {
  const entries = [];
  const dropped = [];
  const exclusionsUnresolved = [];
  const fixed = [];
  readCsv(HOSTILITIES_CSV, ',', 7).forEach((fields, index) => {
    const [section, rawCode, name, , startDate, endDate] = fields.map((field) => field.trim());
    const where = `${HOSTILITIES_CSV}:${index + 2}`;
    if (!SECTIONS.has(section)) throw new Error(`${where}: unknown section ${section}`);
    for (const date of [startDate, endDate])
      if (date !== '' && (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date))))
        throw new Error(`${where}: bad date ${date}`);
    if (endDate !== '' && endDate < startDate) throw new Error(`${where}: ends before it starts`);
    // The source typed two codes with spaces; the CSV already carries them joined, but strip any left.
    const katottg = rawCode.replace(/\s+/g, '');
    if (katottg !== rawCode) fixed.push({ from: rawCode, to: katottg });
    if (!CODE.test(katottg) || !codifier.byCode.has(katottg)) {
      dropped.push({
        katottg: rawCode,
        name,
        section,
        startDate,
        endDate: endDate === '' ? null : endDate,
        reason: CODE.test(katottg)
          ? 'not in the codifier'
          : `not a KATOTTH code (${katottg.length - 2} digits instead of 17); not in the codifier`,
        ...likelyCode(katottg, codifier),
      });
      return;
    }
    const { except, unresolved } = resolveExclusions(katottg, name, codifier);
    if (unresolved.length > 0) exclusionsUnresolved.push({ katottg, section, startDate, name, unresolved });
    entries.push({
      katottg,
      section,
      startDate,
      endDate: endDate === '' ? null : endDate,
      ...(except.length > 0 ? { except } : {}),
    });
  });
  const key = (entry) => `${entry.katottg} ${entry.startDate} ${entry.section}`;
  entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { entries, dropped, exclusionsUnresolved, fixed };
}

/** A hint for whoever fixes the source: an over-long code that is a real code plus a stray digit. */
function likelyCode(code, codifier) {
  if (code.length <= 19) return {};
  const candidates = [...new Set([code.slice(0, 19), `UA${code.slice(3)}`])].filter((candidate) =>
    codifier.byCode.has(candidate),
  );
  return candidates.length === 1 ? { likely: candidates[0] } : {};
}

// ---------------------------------------------------------------------------------------------------
// Output

function dateFromFileName(path) {
  const date = basename(path).match(/(\d{4}-\d{2}-\d{2})\.csv$/)?.[1];
  if (!date) throw new Error(`no date in the file name ${path}`);
  return date;
}

/** Compact JSON with a trailing newline; every file is written through this so --check compares like with like. */
const json = (value) => `${JSON.stringify(value)}\n`;

function buildFiles() {
  const codifierVersion = dateFromFileName(CODIFIER_CSV);
  const hostilitiesVersion = dateFromFileName(HOSTILITIES_CSV);
  const codifier = readCodifier();
  const files = new Map();

  const tops = codifier.units.filter((unit) => unit.parent === null);
  const oblasts = [];
  for (const top of tops) {
    const prefix = top.code.slice(0, 4);
    const units = codifier.units.filter((unit) => unit.code.startsWith(prefix));
    const content = json({
      format: FORMAT,
      version: codifierVersion,
      source: CODIFIER_SOURCE,
      tree: oblastTree(top, units),
    });
    files.set(`${top.code}.json`, content);
    oblasts.push({
      code: top.code,
      uk: displayName(top),
      file: `${top.code}.json`,
      bytes: Buffer.byteLength(content),
      units: units.length,
    });
  }

  const hostilities = readHostilities(codifier);
  const hostilitiesContent = json({
    format: FORMAT,
    version: hostilitiesVersion,
    source: HOSTILITIES_SOURCE,
    codifierVersion,
    entries: hostilities.entries,
    dropped: hostilities.dropped,
    // Exclusions ("за винятком …") the build could not turn into codes: those settlements are treated as
    // covered by the entry, which errs towards eligibility rather than against it.
    exclusionsUnresolved: hostilities.exclusionsUnresolved,
  });
  files.set('hostilities.json', hostilitiesContent);

  files.set(
    'index.json',
    json({
      format: FORMAT,
      version: codifierVersion,
      source: CODIFIER_SOURCE,
      oblasts,
      hostilities: {
        version: hostilitiesVersion,
        file: 'hostilities.json',
        bytes: Buffer.byteLength(hostilitiesContent),
      },
    }),
  );

  const versionModule = [
    '// Generated by scripts/build-katottg.mjs from the reference CSV file names; do not edit by hand.',
    '// The service worker names its cache after these, so new data replaces the old on the next update.',
    `export const KATOTTG_VERSION = '${codifierVersion}';`,
    `export const HOSTILITIES_VERSION = '${hostilitiesVersion}';`,
    `export const KATOTTG_FORMAT = ${FORMAT};`,
    '',
  ].join('\n');

  return { files, versionModule, codifier, hostilities, oblasts };
}

function readIfExists(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function check({ files, versionModule }) {
  const outDir = join(ROOT, OUT_DIR);
  const expected = new Map([...files].map(([name, content]) => [join(outDir, name), content]));
  expected.set(join(ROOT, VERSION_FILE), versionModule);
  const problems = [];
  for (const [path, content] of expected) {
    const actual = readIfExists(path);
    if (actual === undefined) problems.push(`missing: ${path}`);
    else if (actual !== content) problems.push(`differs: ${path}`);
  }
  for (const name of safeList(outDir))
    if (!files.has(name)) problems.push(`not produced by the CSVs: ${join(outDir, name)}`);
  if (problems.length > 0) {
    console.error(
      `KATOTTH data is out of date (run node scripts/build-katottg.mjs):\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`KATOTTH data matches the CSVs (${expected.size} files).`);
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function write({ files, versionModule, hostilities, oblasts }) {
  const outDir = join(ROOT, OUT_DIR);
  mkdirSync(outDir, { recursive: true });
  for (const name of safeList(outDir))
    if (!files.has(name)) console.warn(`note: ${OUT_DIR}/${name} is not produced by this script`);
  for (const [name, content] of files) writeFileSync(join(outDir, name), content);
  mkdirSync(join(ROOT, VERSION_FILE, '..'), { recursive: true });
  writeFileSync(join(ROOT, VERSION_FILE), versionModule);

  const sizes = oblasts.map((oblast) => {
    const content = files.get(oblast.file);
    return { ...oblast, gzip: gzipSync(content, { level: 9 }).byteLength };
  });
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('file                      units      raw     gzip  name');
  for (const size of sizes)
    console.log(
      `${size.file.padEnd(24)} ${String(size.units).padStart(6)} ${kb(size.bytes).padStart(9)} ${kb(size.gzip).padStart(8)}  ${size.uk}`,
    );
  const sorted = (key) => sizes.map((size) => size[key]).sort((a, b) => a - b);
  for (const key of ['bytes', 'gzip']) {
    const values = sorted(key);
    const median = values[Math.floor(values.length / 2)];
    const total = values.reduce((sum, value) => sum + value, 0);
    console.log(
      `${key === 'bytes' ? 'raw ' : 'gzip'}: min ${kb(values[0])}, median ${kb(median)}, max ${kb(values.at(-1))}, total ${kb(total)}`,
    );
  }
  for (const name of ['index.json', 'hostilities.json']) {
    const content = files.get(name);
    console.log(
      `${name}: ${kb(Buffer.byteLength(content))} raw, ${kb(gzipSync(content, { level: 9 }).byteLength)} gzip`,
    );
  }
  console.log(
    `hostilities: ${hostilities.entries.length} entries, ${hostilities.dropped.length} dropped, ` +
      `${hostilities.fixed.length} codes with spaces fixed, ` +
      `${hostilities.entries.filter((entry) => entry.except).length} entries with resolved exclusions, ` +
      `${hostilities.exclusionsUnresolved.length} with unresolved exclusion items`,
  );
  for (const entry of hostilities.dropped) console.log(`  dropped ${entry.katottg}: ${entry.reason}`);
}

const built = buildFiles();
if (process.argv.includes('--check')) check(built);
else write(built);
