import { FormPage } from '../../forms/form-page';
import { IDP_REGISTRATION_FORM } from './idp-registration-form';

export function IdpRegistrationPage({ recordId }: { recordId?: string | undefined }) {
  return <FormPage spec={IDP_REGISTRATION_FORM} recordId={recordId} />;
}
