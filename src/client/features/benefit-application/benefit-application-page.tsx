import { dataBridge } from '../../data-bridge';
import { FormPage } from '../../forms/form-page';
import { BENEFIT_APPLICATION_FORM } from './benefit-application-form';
import { benefitPrefill, latestIdpRegistration } from './prefill-from-idp';

async function prefillFromIdp() {
  const registration = latestIdpRegistration(await dataBridge().listRecords());
  return registration ? benefitPrefill(registration.data) : null;
}

export function BenefitApplicationPage({ recordId }: { recordId?: string | undefined }) {
  return (
    <FormPage
      spec={BENEFIT_APPLICATION_FORM}
      recordId={recordId}
      prefill={prefillFromIdp}
      prefillNote="benefit.prefilled"
    />
  );
}
