// Prints the slowest test files of the run, then one plain closing line ("sqlite: 40 passed, 0 failed")
// that CI logs and people can read at a glance.
const { readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    // The grouped API files (test/support/test-groups.ts) write their own times here: Jest sees only the group.
    // Set before the workers start, so they inherit it.
    this.timingsFile = join(tmpdir(), `test-file-timings-${process.pid}.jsonl`);
    process.env.TEST_FILE_TIMINGS = this.timingsFile;
  }

  onRunComplete(_contexts, results) {
    const label = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    const seconds = (file) => (file.perfStats.end - file.perfStats.start) / 1000;
    const isGroup = (file) => file.testFilePath.endsWith('.e2e-group.ts');
    const groups = results.testResults.filter(isGroup).map((file) => ({ path: relative(this.rootDir, file.testFilePath), seconds: seconds(file) }));
    const files = [
      ...results.testResults.filter((file) => !isGroup(file)).map((file) => ({ path: relative(this.rootDir, file.testFilePath), seconds: seconds(file) })),
      ...this.groupedTimings(),
    ].sort((a, b) => b.seconds - a.seconds);
    if (files.length > 1) {
      const wall = (Date.now() - results.startTime) / 1000;
      process.stdout.write(`\nSlowest files (${files.length} files, ${wall.toFixed(0)} s wall clock, node ${process.version}):\n`);
      // SLOWEST_FILES=40 lists more (to weigh the groups in test/support/test-groups.ts).
      for (const file of files.slice(0, Number(process.env.SLOWEST_FILES) || 8)) process.stdout.write(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.path}\n`);
      if (groups.length) process.stdout.write(`Groups: ${groups.sort((a, b) => a.path.localeCompare(b.path)).map((g) => `${g.path.replace(/.*\//, '')} ${g.seconds.toFixed(0)} s`).join(', ')}\n`);
    }
    const line = `${label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (results.numPendingTests ? `, ${results.numPendingTests} skipped` : '');
    process.stdout.write(`\n${line}\n`);
    if (process.env.TEST_SUMMARY_FILE) require('node:fs').appendFileSync(process.env.TEST_SUMMARY_FILE, `${results.numPassedTests} ${results.numFailedTests}\n`);
  }

  groupedTimings() {
    try {
      return readFileSync(this.timingsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    } catch {
      return [];
    } finally {
      rmSync(this.timingsFile, { force: true });
    }
  }
}
module.exports = SummaryReporter;
