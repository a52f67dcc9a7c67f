// Adds up the JSON reports that every package's vitest run writes
// (.vitest-report.json) and prints one closing line, `tests: N passed, N
// failed, N skipped`, so a reader of CI output sees the whole run's count.
// `--clear` removes old reports first, so a stale file never counts.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const reports = ['packages', 'apps', 'tooling']
  .flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group)).map((name) => join(root, group, name))
      : [],
  )
  .map((directory) => join(directory, '.vitest-report.json'))
  .filter((file) => existsSync(file));

if (process.argv.includes('--clear')) {
  for (const file of reports) rmSync(file);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  // A file that fails to load has no failed test of its own, yet failed.
  failed += failedTests > 0 ? failedTests : (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`\nvitest reports from ${reports.length} packages`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
