import { requiredTextField } from './text-field';

export const POST_CODE_MESSAGE_KEYS = ['postCode.required', 'postCode.format'] as const;
export type PostCodeMessage = (typeof POST_CODE_MESSAGE_KEYS)[number];

export function normalizePostCode(input: string): string {
  return input.replace(/\s+/g, '');
}

export function postCodeProblem(input: string): PostCodeMessage | undefined {
  const postCode = normalizePostCode(input);
  if (postCode === '') return 'postCode.required';
  return /^\d{5}$/.test(postCode) ? undefined : 'postCode.format';
}

export function isValidPostCode(input: string): boolean {
  return postCodeProblem(input) === undefined;
}

export const PostCodeSchema = requiredTextField({
  required: 'postCode.required',
  problem: postCodeProblem,
  normalize: normalizePostCode,
});
