/** Rounded up and never 0: «0 КБ» still to send would read as if nothing were left. */
export function kilobytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}
