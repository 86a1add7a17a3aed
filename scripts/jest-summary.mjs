// Prints jest's JSON results as the one plain line CI reads: `N passed, N failed`.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.ci/jest-results.json';
let results;
try {
  results = JSON.parse(readFileSync(path, 'utf8'));
} catch (e) {
  console.log(`jest results unreadable at ${path}: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// A suite that fails to load counts its file as one failure: jest reports it with no test results.
const brokenSuites = results.testResults.filter(
  (s) => s.status === 'failed' && s.assertionResults.length === 0,
).length;
const failed = results.numFailedTests + brokenSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || results.numTotalTests === 0 ? 1 : 0);
