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
  api: { folder: '.', groups: 4 },
  browser: { folder: 'browser', groups: 2 },
} as const;
export type Tier = keyof typeof TIERS;

/** Seconds a file's tests took (2026-12, loaded machine, less the loading a group saves); a new file counts as 10. */
const WEIGHTS: Record<string, number> = {
  'access-until-scoring.e2e-spec.ts': 40, 'access-after-scoring.e2e-spec.ts': 30, 'standstill.e2e-spec.ts': 40, 'demo.e2e-spec.ts': 30,
  'workbook.e2e-spec.ts': 35, 'pinned-rules.e2e-spec.ts': 25, 'round-concurrency.e2e-spec.ts': 20, 'insight.e2e-spec.ts': 18,
  'recusal.e2e-spec.ts': 18, 'scoring-concurrency.e2e-spec.ts': 18, 'rough-edges.e2e-spec.ts': 15, 'moderation-paging.e2e-spec.ts': 15,
  'fuzz.e2e-spec.ts': 15,
  'browser/every-page.e2e-spec.ts': 250, 'browser/commissioner.e2e-spec.ts': 120, 'browser/commissioner-journey.e2e-spec.ts': 100,
  'browser/young-partner.e2e-spec.ts': 65, 'browser/lots-journey.e2e-spec.ts': 50, 'browser/question-review.e2e-spec.ts': 45,
};

/** A tier's test files in each of its groups: heaviest first onto the lightest group (deterministic). */
export function testGroups(tier: Tier): string[][] {
  const { folder, groups: count } = TIERS[tier];
  const files = readdirSync(join(TEST_DIR, folder)).filter((name) => name.endsWith('.e2e-spec.ts')).map((name) => (folder === '.' ? name : `${folder}/${name}`));
  const groups = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  const weight = (file: string) => WEIGHTS[file] ?? 10;
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
