import type { Context } from 'hono';
import * as v from 'valibot';
import { RECORD_STATUSES, SERVICES, toValidationIssues } from '../../../shared/domain';
import { apiError } from '../../api-error';
import type { Parsed } from '../../json-body';
import { QUEUE_MAX_LIMIT } from '../../store/store';

/** Items on a queue page when the console does not say. */
export const QUEUE_DEFAULT_LIMIT = 50;

function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const Day = (field: string) => v.optional(v.pipe(v.string(), v.check(isCalendarDay, `${field}.invalid`)));

const filterEntries = {
  service: v.optional(v.picklist(SERVICES, 'service.unknown')),
  status: v.optional(v.picklist(RECORD_STATUSES, 'status.unknown')),
  /** Office days (YYYY-MM-DD, Kyiv time) of acceptance, both inclusive. */
  from: Day('from'),
  to: Day('to'),
};

interface DayRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

const fromNotAfterTo = <T extends DayRange>() =>
  v.check<T, 'to.beforeFrom'>(
    (query) => query.from === undefined || query.to === undefined || query.from <= query.to,
    'to.beforeFrom',
  );

export const ExportQuerySchema = v.pipe(
  v.strictObject(filterEntries, 'query.unknownParameter'),
  fromNotAfterTo(),
);

export const QueueQuerySchema = v.pipe(
  v.strictObject(
    {
      ...filterEntries,
      /** The `next` of the previous page. */
      after: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{0,400}$/, 'cursor.invalid'))),
      limit: v.optional(
        v.pipe(
          v.string(),
          v.regex(/^\d{1,4}$/, 'limit.invalid'),
          v.transform(Number),
          v.minValue(1, 'limit.invalid'),
          v.maxValue(QUEUE_MAX_LIMIT, 'limit.tooLarge'),
        ),
        String(QUEUE_DEFAULT_LIMIT),
      ),
    },
    'query.unknownParameter',
  ),
  fromNotAfterTo(),
);

/**
 * The query string checked against `schema`: each parameter at most once (a repeated one is refused,
 * not silently reduced to its first value), unknown ones refused, 400 with the reasons.
 */
export function parseQuery<TSchema extends v.GenericSchema>(
  c: Context,
  schema: TSchema,
): Parsed<v.InferOutput<TSchema>> {
  const all = c.req.queries();
  const repeated = Object.entries(all)
    .filter(([, values]) => values.length > 1)
    .map(([field]) => ({ field, message: 'query.repeated' }));
  const single = Object.fromEntries(Object.entries(all).map(([key, values]) => [key, values[0] ?? '']));
  const parsed = v.safeParse(schema, single);
  if (parsed.success && repeated.length === 0) return { ok: true, value: parsed.output };
  return {
    ok: false,
    response: apiError(c, 400, 'query.invalid', 'The query does not match the API', [
      ...repeated,
      ...(parsed.success ? [] : toValidationIssues(parsed.issues)),
    ]),
  };
}
