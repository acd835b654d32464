import { Session } from '../auth/session.entity.js';
import { SignInLimit } from '../auth/sign-in-limit.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ReasonNote, SummarySent } from '../award/summary-records.entity.js';
import { Bid } from '../bids/bid.entity.js';
import { Clarification } from '../clarifications/clarification.entity.js';
import { Criterion } from '../criteria/criterion.entity.js';
import { ConflictDeclaration } from '../panel/conflict-declaration.entity.js';
import { PanelMember } from '../panel/panel-member.entity.js';
import { RoundTransition } from '../rounds/round-transition.entity.js';
import { Round } from '../rounds/round.entity.js';
import { Consensus } from '../scoring/consensus.entity.js';
import { Score } from '../scoring/score.entity.js';
import { OutboxMessage } from '../notifications/outbox-message.entity.js';
import { QuestionStatement, Statement, Workshop } from '../statements/statement.entity.js';
import { Invitation } from '../users/invitation.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [User, Invitation, AuditEvent, Round, RoundTransition, Criterion, PanelMember, ConflictDeclaration, Bid, Score, Consensus, Session, SignInLimit, SummarySent, ReasonNote, OutboxMessage, Workshop, Statement, QuestionStatement, Clarification];
