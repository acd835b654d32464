import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { AwardController } from './award.controller.js';
import { AwardService } from './award.service.js';
import { ResultsService } from './results.service.js';

@Module({ imports: [RoundsModule], controllers: [AwardController], providers: [ResultsService, AwardService], exports: [ResultsService, AwardService] })
export class AwardModule {}
