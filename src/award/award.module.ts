import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { AwardController } from './award.controller.js';
import { AwardService } from './award.service.js';
import { ResultsService } from './results.service.js';
import { SummariesService } from './summaries.service.js';

@Module({ imports: [RoundsModule], controllers: [AwardController], providers: [ResultsService, AwardService, SummariesService], exports: [ResultsService, AwardService, SummariesService] })
export class AwardModule {}
