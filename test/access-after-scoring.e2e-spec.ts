import { STAGES } from './access/access-table.js';
import { describeAccessMatrix } from './access/matrix.js';

// The stages test/access-until-scoring.e2e-spec.ts leaves out.
describeAccessMatrix(STAGES.slice(STAGES.indexOf('moderation')));
