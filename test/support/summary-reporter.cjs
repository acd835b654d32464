// Prints one plain closing line ("sqlite: 40 passed, 0 failed") that CI logs and people can read at a glance.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const label = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
    const line = `${label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (results.numPendingTests ? `, ${results.numPendingTests} skipped` : '');
    process.stdout.write(`\n${line}\n`);
    if (process.env.TEST_SUMMARY_FILE) require('node:fs').appendFileSync(process.env.TEST_SUMMARY_FILE, `${results.numPassedTests} ${results.numFailedTests}\n`);
  }
}
module.exports = SummaryReporter;
