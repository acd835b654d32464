// Checks a downloaded scoring workbook: recomputes its data hash and compares it with the one its About
// sheet records. Usage (after npm run build): node dist/src/exports/check-workbook-cli.js <file.xlsx>
import { checkWorkbookHash } from './workbook-check.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: node dist/src/exports/check-workbook-cli.js <workbook.xlsx>');
  process.exit(2);
}
const check = await checkWorkbookHash(file);
console.log(`Recomputed data hash: ${check.sha256} (${check.lines} rows)`);
console.log(`Recorded on About:    ${check.recorded ?? '(none)'}`);
console.log(check.matches ? 'The data matches its hash: no cell was changed.' : 'MISMATCH: the data was changed after export, or this is not a scoring workbook.');
process.exit(check.matches ? 0 : 1);
