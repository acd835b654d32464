import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { ModerationService } from './moderation.service.js';
import { ScoringController } from './scoring.controller.js';
import { ScoringService } from './scoring.service.js';

@Module({ imports: [RoundCoreModule], controllers: [ScoringController], providers: [ScoringService, ModerationService], exports: [ScoringService, ModerationService] })
export class ScoringModule {}
