import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Rounds1764100000000 } from './1764100000000-rounds.js';
import { Scoring1764200000000 } from './1764200000000-scoring.js';
import { PanelIntegrity1764300000000 } from './1764300000000-panel-integrity.js';
import { AuditDataBaseline1764300000001 } from './1764300000001-audit-data-baseline.js';
import { AuditChainsPerRound1764700000000 } from './1764700000000-audit-chains-per-round.js';

/** Every migration, in order. The app runs them on start. */
export const MIGRATIONS = [Foundation1764000000000, Rounds1764100000000, Scoring1764200000000, PanelIntegrity1764300000000, AuditDataBaseline1764300000001, AuditChainsPerRound1764700000000];
