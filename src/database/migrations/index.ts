import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** Every migration, in order. The app runs them on start. */
export const MIGRATIONS = [Foundation1764000000000];
