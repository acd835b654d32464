export const ROLES = ['commissioner', 'panellist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
