/**
 * The step lives in the address bar (`?step=3`, never personal data) so Back, reload and a killed tab
 * return to it. Steps are numbered from 1 for people; the check page is the number after the last step.
 */
export interface StepLocation {
  /** 0-based; `stepCount` means the check page. */
  readonly index: number;
  /** Opened with "Change" from the check page: "Next" goes back there. */
  readonly fromCheck: boolean;
}

export function parseStepLocation(search: string, stepCount: number, fallback: number): StepLocation {
  const params = new URLSearchParams(search);
  const raw = params.get('step');
  const number = raw !== null && /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  const index = number >= 1 && number <= stepCount + 1 ? number - 1 : fallback;
  return { index, fromCheck: params.get('from') === 'check' && index < stepCount };
}

export function stepSearch(location: StepLocation): string {
  return `?step=${location.index + 1}${location.fromCheck ? '&from=check' : ''}`;
}
