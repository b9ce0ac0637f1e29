// What the auth services refuse with. Routes turn each into one HTTP answer; the messages are
// generic on purpose, so no answer tells a caller whether a phone or login exists.

/** Too many requests for a phone, address, device or login; the route answers 429 + Retry-After. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('Too many attempts; try again later');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** Wrong, expired, used or never-sent code: all the same to the caller. */
export class OtpInvalidError extends Error {
  override readonly name = 'OtpInvalidError';
  constructor() {
    super('The code is not valid');
  }
}

/** The newest code took its last wrong attempt; only a new code helps. */
export class OtpLockedError extends Error {
  override readonly name = 'OtpLockedError';
  constructor() {
    super('Too many wrong codes; request a new one');
  }
}

/** Wrong password, unknown login or disabled account: all the same to the caller. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('The login or password is not right');
  }
}

/** Unknown, expired or used invite, or a user who cannot take one. */
export class InviteInvalidError extends Error {
  override readonly name = 'InviteInvalidError';
  constructor() {
    super('The invite code is not valid');
  }
}

/** The caseworker asked for an invite to an oblast outside their scope. */
export class InviteScopeError extends Error {
  override readonly name = 'InviteScopeError';
  constructor() {
    super('Invites can only be made for your own oblasts');
  }
}

/** The SMS gateway did not take the message; never carries the text (it holds the code). */
export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
}

/** Not a Ukrainian phone number that can receive an SMS. */
export class PhoneInvalidError extends Error {
  override readonly name = 'PhoneInvalidError';
  constructor() {
    super('Not a Ukrainian mobile number');
  }
}
