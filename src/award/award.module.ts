import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { AwardController } from './award.controller.js';
import { AwardService } from './award.service.js';
import { ResultsService } from './results.service.js';
import { SentSummariesModule } from './sent-summaries.module.js';
import { SummariesService } from './summaries.service.js';

@Module({ imports: [RoundCoreModule, SentSummariesModule], controllers: [AwardController], providers: [ResultsService, AwardService, SummariesService], exports: [ResultsService, AwardService, SummariesService] })
export class AwardModule {}
