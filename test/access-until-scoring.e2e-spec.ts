import { STAGES } from './access/access-table.js';
import { describeAccessMatrix } from './access/matrix.js';

// The matrix is split at moderation (test/access-after-scoring.e2e-spec.ts has the rest) so the halves run side by side.
describeAccessMatrix(STAGES.slice(0, STAGES.indexOf('moderation')));
