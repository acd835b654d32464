import { loadDemoUsers } from './demo-fixtures.js';
import { demoSignInLines } from './demo-sign-ins.js';

describe('the demo sign-ins printed at start-up', () => {
  const lines = demoSignInLines(loadDemoUsers().users, 'pw');
  const line = (email: string) => lines.find((l) => l.includes(email)) ?? '';

  it("name each panellist's group, so a new user knows whom to sign in as", () => {
    expect(line('yp1@demo.test')).toMatch(/panellist \(young partner\)\s+Jordan$/);
    expect(line('clinician@demo.test')).toMatch(/panellist \(professional\)\s+Dr Helen Okafor$/);
    expect(line('auditor@demo.test')).toMatch(/ auditor\s+Tom Reid/);
    expect(lines.at(-1)).toBe('  Password for every demo account: pw');
  });
});
