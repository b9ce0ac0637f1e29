// IDP living allowance (CMU resolution 332): 3,000 UAH a month per child or person with a disability,
// 2,000 UAH per other person. Shown as an estimate with its reasoning, never as a promise: the office
// also checks income (cap 9,444 UAH per person since March 2024) and the vulnerable-group rules.
export const ALLOWANCE_CHILD_OR_DISABILITY_UAH = 3000;
export const ALLOWANCE_OTHER_UAH = 2000;
export const CHILD_AGE_LIMIT = 18;

export interface AllowancePerson {
  readonly id: string;
  readonly birthDate: string | undefined;
  readonly hasDisability: boolean;
}

export interface AllowanceLine {
  readonly id: string;
  readonly category: 'child' | 'disability' | 'adult' | 'unknownAge';
  readonly amount: number;
}

export interface AllowanceEstimate {
  readonly lines: readonly AllowanceLine[];
  readonly total: number;
}

function ageOn(birthDate: string, today: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** `today` is an ISO date; people whose birth date is not yet valid count at the lower rate. */
export function estimateLivingAllowance(
  people: readonly AllowancePerson[],
  today: string,
): AllowanceEstimate {
  const lines = people.map((person): AllowanceLine => {
    if (person.hasDisability)
      return { id: person.id, category: 'disability', amount: ALLOWANCE_CHILD_OR_DISABILITY_UAH };
    const age = person.birthDate ? ageOn(person.birthDate, today) : undefined;
    if (age === undefined) return { id: person.id, category: 'unknownAge', amount: ALLOWANCE_OTHER_UAH };
    if (age < CHILD_AGE_LIMIT)
      return { id: person.id, category: 'child', amount: ALLOWANCE_CHILD_OR_DISABILITY_UAH };
    return { id: person.id, category: 'adult', amount: ALLOWANCE_OTHER_UAH };
  });
  return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
}
