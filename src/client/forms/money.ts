// U+202F NARROW NO-BREAK SPACE between thousands, U+00A0 before the currency: «10 000 грн» never wraps.
const THOUSANDS = '\u202f';

/** Whole hryvnias as people read them: `2 000 грн`; kopecks only when there are any. */
export function formatHryvnia(amount: number, currency = 'грн'): string {
  const whole = Math.trunc(Math.abs(amount));
  const kopecks = Math.round((Math.abs(amount) - whole) * 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS);
  const sign = amount < 0 ? '−' : '';
  const fraction = kopecks > 0 ? `,${String(kopecks).padStart(2, '0')}` : '';
  return `${sign}${grouped}${fraction}\u00a0${currency}`;
}
