import * as v from 'valibot';
import type { FieldPolicy } from '../merge/field-policy';
import { childRows, topLevelFields } from '../record/child-rows';
import type { FieldMap } from '../record/field-value';
import { DAMAGE_REPORT_POLICY, DamageReportSchema } from './damage-report';
import type { Service } from './services';
import { toValidationIssues, type ValidationIssue } from './validation-issue';

/**
 * What the phone and the server both need to know about a service: the schema a submission must
 * pass, the child-row collections it has, and who owns which field.
 */
export interface ServiceDefinition {
  // biome-ignore lint/suspicious/noExplicitAny: each service has its own output type; callers use the issues.
  readonly schema: v.GenericSchema<any, any>;
  readonly collections: readonly string[];
  readonly policy: FieldPolicy;
}

export const SERVICE_DEFINITIONS: Partial<Record<Service, ServiceDefinition>> = {
  damageReport: { schema: DamageReportSchema, collections: [], policy: DAMAGE_REPORT_POLICY },
};

/** The structured form of a flat field map: top-level fields plus each collection as an array of rows. */
export function structureFields(definition: ServiceDefinition, fields: FieldMap): Record<string, unknown> {
  const out: Record<string, unknown> = topLevelFields(fields);
  for (const collection of definition.collections) {
    out[collection] = childRows(fields, collection).map((row) => ({ id: row.id, ...row.fields }));
  }
  return out;
}

export type SubmissionCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly issues: readonly ValidationIssue[] };

/** The same check on the phone before queueing and on the server before storing. */
export function checkSubmission(service: Service, fields: FieldMap): SubmissionCheck {
  const definition = SERVICE_DEFINITIONS[service];
  if (!definition) return { ok: false, reason: 'service.notAvailable', issues: [] };
  const parsed = v.safeParse(definition.schema, structureFields(definition, fields));
  if (parsed.success) return { ok: true };
  return { ok: false, reason: 'record.invalid', issues: toValidationIssues(parsed.issues) };
}
