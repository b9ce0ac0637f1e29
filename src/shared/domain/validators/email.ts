import { optionalTextField, requiredTextField } from './text-field';

export const EMAIL_MESSAGE_KEYS = ['email.required', 'email.format', 'email.russianDomain'] as const;
export type EmailMessage = (typeof EMAIL_MESSAGE_KEYS)[number];

// Diia refuses addresses on Russian top-level domains and so do we. `.рф` (and its punycode form
// `xn--p1ai`) is our addition: it is a Russian domain as much as `.ru` is.
const RUSSIAN_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(['ru', 'su', 'рф', 'xn--p1ai']);

// Deliberately looser than RFC 5322: anything a mail provider really hands out passes (including
// internationalised addresses such as ім'я@пошта.укр); only what cannot be an address is refused.
const LOCAL_PART = /^[^\s@"(),:;<>[\]\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/** Trimmed, domain in lower case; the part before @ keeps its case, which a mail server may rely on. */
export function normalizeEmail(input: string): string {
  const email = input.trim();
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

function hasValidSyntax(email: string): boolean {
  if (email.length > 254) return false;
  const parts = email.split('@');
  if (parts.length !== 2) return false;
  const [local, domain] = parts as [string, string];
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL_DOMAIN.test(labels[labels.length - 1]!);
}

export function isRussianDomain(email: string): boolean {
  const topLevel = normalizeEmail(email).split('.').pop() ?? '';
  return RUSSIAN_TOP_LEVEL_DOMAINS.has(topLevel);
}

export function emailProblem(input: string): EmailMessage | undefined {
  const email = normalizeEmail(input);
  if (email === '') return 'email.required';
  if (!hasValidSyntax(email)) return 'email.format';
  if (isRussianDomain(email)) return 'email.russianDomain';
  return undefined;
}

export function isValidEmail(input: string): boolean {
  return emailProblem(input) === undefined;
}

const EMAIL_RULES = { required: 'email.required', problem: emailProblem, normalize: normalizeEmail } as const;

export const EmailSchema = requiredTextField(EMAIL_RULES);

// E-mail is optional in every service: an empty field is stored as absent, a typed one must be valid.
export const OptionalEmailSchema = optionalTextField(EMAIL_RULES);
