import { Module } from '@nestjs/common';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

@Module({
  controllers: [RoundsController],
  imports: [RoundCoreModule],
  providers: [RoundsService, DeadlineScheduler],
  exports: [RoundsService, DeadlineScheduler],
})
export class RoundsModule {}
