import { loadGroup } from '../support/test-groups.js';

// Group 2 of the API test files (test/*.e2e-spec.ts), in one module registry: see test/support/test-groups.ts.
await loadGroup('api', 2);
