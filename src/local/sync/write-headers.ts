/** Headers every write carries: the custom one is the CSRF defence (cross-site forms cannot set it). */
export const WRITE_HEADERS = { 'x-lastivka-request': '1' } as const;
