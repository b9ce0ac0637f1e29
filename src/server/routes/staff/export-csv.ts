import type { Hono } from 'hono';
import type { FieldValue } from '../../../shared/record';
import { topLevelFields } from '../../../shared/record';
import { apiError } from '../../api-error';
import { type ExportResult, type ExportRow, InvalidQueueFilterError } from '../../store/store';
import { storeUnavailable } from '../sync-push';
import { csvDocument } from './csv';
import type { StaffDeps } from './staff-deps';
import { ExportQuerySchema, parseQuery } from './staff-query';
import { auditRead, signedIn, staffScope } from './staff-request';

export const EXPORT_FILE_NAME = 'lastivka-export.csv';
export const EXPORT_BASE_COLUMNS = [
  'reference',
  'service',
  'status',
  'oblast',
  'acceptedAt',
  'updatedAt',
  'assigned',
] as const;
/** Says that more records matched than one export holds; narrow the dates and export again. */
export const EXPORT_TRUNCATED_HEADER = 'X-Lastivka-Export-Truncated';

function cellOf(value: FieldValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/**
 * The queue columns, then every top-level field any exported record has, in name order so the same
 * export twice has the same columns (child rows such as household members or questions stay in the
 * console: one row per record). `status` is a column already.
 */
export function exportTable(rows: readonly ExportRow[]): string[][] {
  const base = new Set<string>(EXPORT_BASE_COLUMNS);
  const fieldNames = [...new Set(rows.flatMap((row) => Object.keys(topLevelFields(row.fields))))]
    .filter((name) => !base.has(name))
    .sort();
  const header = [...EXPORT_BASE_COLUMNS, ...fieldNames];
  const body = rows.map((row) => [
    row.reference,
    row.service,
    row.status,
    row.oblast ?? '',
    row.acceptedAt,
    row.updatedAt,
    row.assignedTo === null ? 'no' : 'yes',
    ...fieldNames.map((name) => cellOf(row.fields[name])),
  ]);
  return [header, ...body];
}

/**
 * GET /api/staff/export.csv?service=&status=&from=&to= — the records of the caller's oblasts as a
 * spreadsheet (UTF-8 with BOM for Excel), newest first, at most EXPORT_MAX_ROWS. Audited once with
 * the row count and the filter (no personal data).
 */
export function registerExportCsv(app: Hono, deps: StaffDeps): void {
  app.get('/api/staff/export.csv', deps.requireStaff, async (c) => {
    const query = parseQuery(c, ExportQuerySchema);
    if (!query.ok) return query.response;
    const { service, status, from, to } = query.value;
    let result: ExportResult;
    try {
      result = await deps.store.exportRows({
        oblasts: staffScope(signedIn(c).user),
        service,
        status,
        from,
        to,
      });
    } catch (error) {
      if (error instanceof InvalidQueueFilterError) {
        return apiError(c, 400, 'query.invalid', 'The query does not match the API', [
          { field: error.field, message: `${error.field}.invalid` },
        ]);
      }
      return storeUnavailable(c, deps.log, error);
    }
    const filter = Object.entries({ service, status, from, to })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    const detail = `rows=${result.rows.length} truncated=${result.truncated}${filter ? ` ${filter}` : ''}`;
    const refused = await auditRead(c, deps, 'records.export', null, detail);
    if (refused !== undefined) return refused;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${EXPORT_FILE_NAME}"`);
    if (result.truncated) c.header(EXPORT_TRUNCATED_HEADER, 'true');
    return c.body(csvDocument(exportTable(result.rows)));
  });
}
