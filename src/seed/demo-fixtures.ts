import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import type { Role } from '../users/role.js';

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  group?: 'youngPartner' | 'professional';
  panelCode?: string;
}

export interface DemoUsers {
  demoPassword: string;
  users: DemoUser[];
}

export const FIXTURES_DIR = join(projectRoot(), 'fixtures');

export function loadDemoUsers(): DemoUsers {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'users.json'), 'utf8')) as DemoUsers;
}
