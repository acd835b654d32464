import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { QuestionReviewController } from './question-review.controller.js';
import { QuestionReviewService } from './question-review.service.js';

@Module({ imports: [RoundCoreModule], controllers: [QuestionReviewController], providers: [QuestionReviewService], exports: [QuestionReviewService] })
export class QuestionReviewModule {}
