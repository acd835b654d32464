import { Module } from '@nestjs/common';
import { AwardModule } from '../award/award.module.js';
import { BidImportModule } from '../bid-import/bid-import.module.js';
import { BidsModule } from '../bids/bids.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { DemoContract } from '../contracts/demo-contract.js';
import { ClarificationsModule } from '../clarifications/clarifications.module.js';
import { PanelModule } from '../panel/panel.module.js';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { QuestionReviewModule } from '../question-review/question-review.module.js';
import { UsersModule } from '../accounts/users.module.js';
import { DemoRounds } from './demo-rounds.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [UsersModule, RoundsModule, PanelModule, BidsModule, ScoringModule, StatementsModule, QuestionReviewModule, AwardModule, ContractsModule, ClarificationsModule, BidImportModule], providers: [SeedService, DemoRounds, DemoContract], exports: [SeedService] })
export class SeedModule {}
