import { Module } from '@nestjs/common';
import { BidsModule } from '../bids/bids.module.js';
import { ClarificationsModule } from '../clarifications/clarifications.module.js';
import { PanelModule } from '../panel/panel.module.js';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { UsersModule } from '../accounts/users.module.js';
import { DemoRounds } from './demo-rounds.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [UsersModule, RoundsModule, PanelModule, BidsModule, ScoringModule, StatementsModule, ClarificationsModule], providers: [SeedService, DemoRounds], exports: [SeedService] })
export class SeedModule {}
