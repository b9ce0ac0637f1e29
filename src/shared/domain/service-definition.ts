import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import { CHILD_EXISTS, childPath, childRows, topLevelFields } from '../record/child-rows';
import type { FieldMap, FieldValue } from '../record/field-value';
import { BENEFIT_APPLICATION_POLICY, BenefitApplicationSchema } from './benefit-application';
import { DAMAGE_REPORT_POLICY, DamageReportSchema } from './damage-report';
import { IDP_REGISTRATION_POLICY, IdpRegistrationSchema } from './idp-registration';
import type { Service } from './services';
import type { ValidationIssue } from './validation-issue';

/**
 * What the phone and the server both need to know about a service: the schema a submission must
 * pass, the child-row collections it has, and who owns which field.
 */
export interface ServiceDefinition {
  // biome-ignore lint/suspicious/noExplicitAny: each service has its own output type; callers use the issues.
  readonly schema: v.GenericSchema<any, any>;
  /** Collections the schema validates as arrays of rows (child rows in the field map). */
  readonly collections: readonly string[];
  readonly policy: FieldPolicy;
}

export const SERVICE_DEFINITIONS: Readonly<Record<Service, ServiceDefinition>> = {
  damageReport: { schema: DamageReportSchema, collections: [], policy: DAMAGE_REPORT_POLICY },
  idpRegistration: {
    schema: IdpRegistrationSchema,
    collections: ['household'],
    policy: IDP_REGISTRATION_POLICY,
  },
  benefitApplication: {
    schema: BenefitApplicationSchema,
    collections: ['household'],
    policy: BENEFIT_APPLICATION_POLICY,
  },
};

/**
 * Collections kept on the record but not part of the form's schema (photos, the office's questions):
 * they pass through validation untouched.
 */
function passThroughPaths(definition: ServiceDefinition, fields: FieldMap): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [path, value] of Object.entries(fields)) {
    const collection = path.split('/')[0]!;
    if (path.includes('/') && !definition.collections.includes(collection)) out[path] = value;
  }
  return out;
}

/** The structured form of a flat field map: top-level fields plus each collection as an array of rows. */
export function structureFields(definition: ServiceDefinition, fields: FieldMap): Record<string, unknown> {
  const out: Record<string, unknown> = topLevelFields(fields);
  for (const collection of definition.collections) {
    out[collection] = childRows(fields, collection).map((row) => ({ id: row.id, ...row.fields }));
  }
  return out;
}

function flattenOutput(
  definition: ServiceDefinition,
  output: Record<string, unknown>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(output)) {
    if (definition.collections.includes(key) && Array.isArray(value)) {
      for (const row of value as Array<Record<string, unknown>>) {
        const id = String(row.id);
        out[childPath(key, id, CHILD_EXISTS)] = true;
        for (const [field, fieldValue] of Object.entries(row)) {
          if (field !== 'id' && fieldValue !== undefined)
            out[childPath(key, id, field)] = fieldValue as FieldValue;
        }
      }
    } else if (value !== undefined) {
      out[key] = value as FieldValue;
    }
  }
  return out;
}

/** An issue inside a collection is reported at the row's flat path (`household/<id>/birthDate`). */
function issuePath(
  definition: ServiceDefinition,
  structured: Record<string, unknown>,
  issue: v.BaseIssue<unknown>,
): string {
  const keys = (issue.path ?? []).map((item) => item.key);
  const [first, index, field] = keys;
  if (typeof first === 'string' && definition.collections.includes(first) && typeof index === 'number') {
    const row = (structured[first] as Array<{ id?: unknown }> | undefined)?.[index];
    if (row && typeof row.id === 'string')
      return field === undefined ? `${first}/${row.id}` : childPath(first, row.id, String(field));
  }
  return keys.map(String).join('.');
}

export type SubmissionCheck =
  | { readonly ok: true; readonly fields: Record<string, FieldValue> }
  | { readonly ok: false; readonly reason: string; readonly issues: readonly ValidationIssue[] };

/**
 * The same check on the phone before queueing and on the server before storing. On success it returns
 * the normalised field map (phones in E.164, dates in ISO, names with one apostrophe), which is what is
 * sent and stored; normalised values pass the check again unchanged.
 */
export function checkSubmission(service: Service, fields: FieldMap): SubmissionCheck {
  const definition = SERVICE_DEFINITIONS[service];
  if (!definition) return { ok: false, reason: 'service.notAvailable', issues: [] };
  const structured = structureFields(definition, fields);
  const parsed = v.safeParse(definition.schema, structured);
  if (parsed.success) {
    return {
      ok: true,
      fields: { ...passThroughPaths(definition, fields), ...flattenOutput(definition, parsed.output) },
    };
  }
  const issues = parsed.issues.map((issue) => ({
    field: issuePath(definition, structured, issue),
    message: issue.message,
  }));
  // One message per field: the first is the most basic problem.
  const unique = issues.filter(
    (issue, index) => issues.findIndex((other) => other.field === issue.field) === index,
  );
  return { ok: false, reason: 'record.invalid', issues: unique };
}

/**
 * Step-by-step validation for multi-step forms: the issues of the whole form, kept to the given fields
 * (a field name also covers its child rows, e.g. `household` covers `household/<id>/birthDate`).
 */
export function checkFields(
  service: Service,
  fields: FieldMap,
  paths: readonly string[],
): readonly ValidationIssue[] {
  const result = checkSubmission(service, fields);
  if (result.ok) return [];
  return result.issues.filter((issue) =>
    paths.some(
      (path) =>
        issue.field === path || issue.field.startsWith(`${path}/`) || issue.field.startsWith(`${path}.`),
    ),
  );
}
