import { Module } from '@nestjs/common';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { RoundCommands } from './round-commands.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

@Module({
  controllers: [RoundsController],
  providers: [RoundsService, RoundCommands, DeadlineScheduler],
  exports: [RoundsService, RoundCommands, DeadlineScheduler],
})
export class RoundsModule {}
