import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ModerationService } from './moderation.service.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

@Module({ imports: [RoundsModule], controllers: [ScoringController], providers: [ScoringService, ModerationService], exports: [ScoringService, ModerationService] })
export class ScoringModule {}
