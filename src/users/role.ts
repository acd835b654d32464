export const ROLES = ['administrator', 'commissioner', 'panellist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What a commissioner may give: a panellist account for their panel. Every other role is an administrator's to grant. */
export const COMMISSIONER_GRANTABLE: readonly Role[] = ['panellist'];

/** Least privilege: whether `actorRoles` may create an account with, or change an account to, `roles`. */
export function mayGrant(actorRoles: readonly Role[], roles: readonly Role[]): boolean {
  if (actorRoles.includes('administrator')) return true;
  return actorRoles.includes('commissioner') && roles.every((role) => COMMISSIONER_GRANTABLE.includes(role));
}
