import { DATE_MESSAGE_KEYS } from './calendar-date';
import { EMAIL_MESSAGE_KEYS } from './email';
import { IBAN_MESSAGE_KEYS } from './iban';
import { IDENTITY_DOCUMENT_MESSAGE_KEYS } from './identity-document';
import { PERSON_NAME_MESSAGE_KEYS } from './person-name';
import { PHONE_MESSAGE_KEYS } from './phone';
import { POST_CODE_MESSAGE_KEYS } from './post-code';
import { RNOKPP_MESSAGE_KEYS, RNOKPP_WARNING_KEYS } from './rnokpp';
import { UNZR_MESSAGE_KEYS } from './unzr';

// Every translation key the validators can produce, warnings included, for the message catalogues.
export const VALIDATOR_MESSAGE_KEYS = [
  ...RNOKPP_MESSAGE_KEYS,
  ...RNOKPP_WARNING_KEYS,
  ...IBAN_MESSAGE_KEYS,
  ...IDENTITY_DOCUMENT_MESSAGE_KEYS,
  ...UNZR_MESSAGE_KEYS,
  ...PHONE_MESSAGE_KEYS,
  ...POST_CODE_MESSAGE_KEYS,
  ...EMAIL_MESSAGE_KEYS,
  ...PERSON_NAME_MESSAGE_KEYS,
  ...DATE_MESSAGE_KEYS,
] as const;

export type ValidatorMessageKey = (typeof VALIDATOR_MESSAGE_KEYS)[number];
