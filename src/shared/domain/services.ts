// The three services, all live: each has its multi-step form (src/client/features/<service>/).
export const SERVICES = ['damageReport', 'idpRegistration', 'benefitApplication'] as const;
export type Service = (typeof SERVICES)[number];
export const LIVE_SERVICES: readonly Service[] = ['damageReport', 'idpRegistration', 'benefitApplication'];
