import { FormPage } from '../../forms/form-page';
import { DAMAGE_REPORT_FORM } from './damage-report-form';

/** The damage report: a lazy chunk of its own, built on the shared multi-step form engine. */
export function DamageReportPage({ recordId }: { recordId?: string | undefined }) {
  return <FormPage spec={DAMAGE_REPORT_FORM} recordId={recordId} />;
}
