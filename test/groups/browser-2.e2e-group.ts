import { loadGroup } from '../support/test-groups.js';

// Group 2 of the browser test files (test/browser/*.e2e-spec.ts), in one module registry: see test/support/test-groups.ts.
await loadGroup('browser', 2);
