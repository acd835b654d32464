import { appendFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Jest gives every test file its own module registry, so each file pays again for loading Nest,
// TypeORM and the app (about 3 s of CPU quiet, 10 s under load): more than most files' tests take.
// The whole-suite run therefore loads the test files in a few groups, one registry per group
// (test/groups/), while each file still runs alone with `npm run test:file -- <file>`.
// The groups are computed from the folders, so a new file cannot be left out.

const TEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The end-to-end test files a group takes from: the API tier (test/) and the browser tier (test/browser/). */
export const TIERS = {
  api: { folder: '.', groups: 4, unlisted: 1.5 },
  browser: { folder: 'browser', groups: 2, unlisted: 15 },
} as const;
export type Tier = keyof typeof TIERS;

/**
 * Seconds a file's tests took, less the loading a group saves: the API files measured on a quiet machine
 * (2026-12-02, `SLOWEST_FILES=70 npm run test:fast`), the browser files in a whole-suite run (`npm test`, 2026-12-02, Chromium's headless shell). A file not listed counts as its tier's `unlisted`.
 */
const WEIGHTS: Record<string, number> = {
  'workbook.e2e-spec.ts': 25, 'access-after-scoring.e2e-spec.ts': 15, 'access-until-scoring.e2e-spec.ts': 15,
  'fuzz.e2e-spec.ts': 13, 'pages.e2e-spec.ts': 9, 'insight.e2e-spec.ts': 6, 'summaries.e2e-spec.ts': 6,
  'notifications.e2e-spec.ts': 6, 'commissioner-pages.e2e-spec.ts': 6, 'demo.e2e-spec.ts': 5,
  'question-review.e2e-spec.ts': 5, 'audit-data.e2e-spec.ts': 4, 'scoring-concurrency.e2e-spec.ts': 4,
  'moderation-paging.e2e-spec.ts': 4, 'recusal.e2e-spec.ts': 4, 'rough-edges.e2e-spec.ts': 4,
  'scale-out.e2e-spec.ts': 3, 'lots.e2e-spec.ts': 3, 'standstill.e2e-spec.ts': 3, 'contract.e2e-spec.ts': 3,
  'accounts.e2e-spec.ts': 3, 'clarifications.e2e-spec.ts': 3, 'lots-contract.e2e-spec.ts': 3,
  'workbook-check.e2e-spec.ts': 2, 'audit-chains.e2e-spec.ts': 2, 'lifecycle.e2e-spec.ts': 2,
  'browser/every-page.e2e-spec.ts': 90, 'browser/commissioner.e2e-spec.ts': 52, 'browser/commissioner-journey.e2e-spec.ts': 49,
  'browser/contract.e2e-spec.ts': 21, 'browser/lots-journey.e2e-spec.ts': 21, 'browser/auditor.e2e-spec.ts': 17,
  'browser/rough-edges.e2e-spec.ts': 17, 'browser/young-partner.e2e-spec.ts': 17, 'browser/question-review.e2e-spec.ts': 15,
  'browser/access.e2e-spec.ts': 13, 'browser/tender-record.e2e-spec.ts': 13, 'browser/lots.e2e-spec.ts': 9,
  'browser/insight.e2e-spec.ts': 7, 'browser/statements.e2e-spec.ts': 6,
};

/** A tier's test files in each of its groups: heaviest first onto the lightest group (deterministic). */
export function testGroups(tier: Tier): string[][] {
  const { folder, groups: count, unlisted } = TIERS[tier];
  const files = readdirSync(join(TEST_DIR, folder)).filter((name) => name.endsWith('.e2e-spec.ts')).map((name) => (folder === '.' ? name : `${folder}/${name}`));
  const groups = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  const weight = (file: string) => WEIGHTS[file] ?? unlisted;
  for (const file of files.sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = groups.reduce((min, group) => (group.weight < min.weight ? group : min));
    lightest.files.push(file);
    lightest.weight += weight(file);
  }
  return groups.map((group) => group.files.sort());
}

/**
 * Registers the files of a tier's group `n` in this registry. Each file's top-level describe is timed
 * (from before its first hook to after its last), so the run still prints its slowest files.
 */
export async function loadGroup(tier: Tier, n: number): Promise<void> {
  const timings: { path: string; seconds: number }[] = [];
  const original = globalThis.describe;
  for (const file of testGroups(tier)[n - 1]) {
    const timed = ((title: string, body: () => void) => original(title, () => {
      let start = 0;
      beforeAll(() => { start = performance.now(); });
      body();
      afterAll(() => { timings.push({ path: `test/${file}`, seconds: (performance.now() - start) / 1000 }); });
    })) as typeof describe;
    globalThis.describe = Object.assign(timed, original);
    try {
      await import(join(TEST_DIR, file));
    } finally {
      globalThis.describe = original;
    }
  }
  afterAll(() => recordTimings(timings));
}

function recordTimings(timings: { path: string; seconds: number }[]): void {
  const target = process.env.TEST_FILE_TIMINGS;
  if (!target) return;
  // One line per file, appended by each worker; the summary reporter prints the slowest.
  for (const timing of timings) appendFileSync(target, `${JSON.stringify(timing)}\n`);
}
