import type { DemoUser } from './demo-fixtures.js';

const GROUP_WORDS = { youngPartner: 'young partner', professional: 'professional' } as const;

/** Who an account is, in the words a new user needs to pick one: "panellist (young partner)". */
export function demoAccountKind(user: DemoUser): string {
  const roles = user.roles.join(', ');
  return user.group ? `${roles} (${GROUP_WORDS[user.group]})` : roles;
}

/** The start-up lines that list the demo accounts, each with its role and, for panellists, its group. */
export function demoSignInLines(users: DemoUser[], password: string): string[] {
  const width = Math.max(...users.map((u) => demoAccountKind(u).length));
  const lines = ['  Demo sign-ins:'];
  for (const user of users) lines.push(`    ${user.email.padEnd(26)} ${demoAccountKind(user).padEnd(width)}  ${user.displayName}`);
  lines.push(`  Password for every demo account: ${password}`);
  return lines;
}
