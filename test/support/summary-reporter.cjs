// Prints the slowest test files of the run, then one plain closing line ("sqlite: 40 passed, 0 failed")
// that CI logs and people can read at a glance.
const { relative } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const label = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    const files = results.testResults
      .map((file) => ({ path: relative(this.rootDir, file.testFilePath), seconds: (file.perfStats.end - file.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds);
    if (files.length > 1) {
      const wall = (Date.now() - results.startTime) / 1000;
      process.stdout.write(`\nSlowest files (${files.length} files, ${wall.toFixed(0)} s wall clock, node ${process.version}):\n`);
      for (const file of files.slice(0, 8)) process.stdout.write(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.path}\n`);
    }
    const line = `${label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (results.numPendingTests ? `, ${results.numPendingTests} skipped` : '');
    process.stdout.write(`\n${line}\n`);
    if (process.env.TEST_SUMMARY_FILE) require('node:fs').appendFileSync(process.env.TEST_SUMMARY_FILE, `${results.numPassedTests} ${results.numFailedTests}\n`);
  }
}
module.exports = SummaryReporter;
