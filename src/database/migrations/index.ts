import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Rounds1764100000000 } from './1764100000000-rounds.js';
import { Scoring1764200000000 } from './1764200000000-scoring.js';
import { PanelIntegrity1764300000000 } from './1764300000000-panel-integrity.js';
import { AuditDataBaseline1764300000001 } from './1764300000001-audit-data-baseline.js';
import { Accounts1764400000000 } from './1764400000000-accounts.js';
import { AssessmentSummaries1764500000000 } from './1764500000000-assessment-summaries.js';
import { PracticeBids1764600000000 } from './1764600000000-practice-bids.js';
import { AuditChainsPerRound1764700000000 } from './1764700000000-audit-chains-per-round.js';
import { Statements1764800000000 } from './1764800000000-statements.js';
import { Outbox1764850000000 } from './1764850000000-outbox.js';
import { QuestionReview1765000000000 } from './1765000000000-question-review.js';
import { ContractKpis1765100000000 } from './1765100000000-contract-kpis.js';
import { InvitationRevocation1765200000000 } from './1765200000000-invitation-revocation.js';
import { Clarifications1765400000000 } from './1765400000000-clarifications.js';
import { BidUploads1765410000000 } from './1765410000000-bid-uploads.js';
import { Lots1765500000000 } from './1765500000000-lots.js';
import { KpiPeriodLots1765900000000 } from './1765900000000-kpi-period-lots.js';

/** Every migration, in order. The app runs them on start. */
export const MIGRATIONS = [Foundation1764000000000, Rounds1764100000000, Scoring1764200000000, PanelIntegrity1764300000000, AuditDataBaseline1764300000001, Accounts1764400000000, AssessmentSummaries1764500000000, PracticeBids1764600000000, AuditChainsPerRound1764700000000, Statements1764800000000, Outbox1764850000000, QuestionReview1765000000000, ContractKpis1765100000000, InvitationRevocation1765200000000, Clarifications1765400000000, BidUploads1765410000000, Lots1765500000000, KpiPeriodLots1765900000000];
