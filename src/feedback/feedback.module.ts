import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { FeedbackController } from './feedback.controller.js';
import { FeedbackService } from './feedback.service.js';

@Module({ imports: [RoundCoreModule], controllers: [FeedbackController], providers: [FeedbackService], exports: [FeedbackService] })
export class FeedbackModule {}
