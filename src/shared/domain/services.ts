// The three services. Only the damage report is live in this release; the others are announced on
// the home screen so people know they are coming.
export const SERVICES = ['damageReport', 'idpRegistration', 'benefitApplication'] as const;
export type Service = (typeof SERVICES)[number];
export const LIVE_SERVICES: readonly Service[] = ['damageReport'];
