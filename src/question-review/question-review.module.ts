import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { QuestionReviewController } from './question-review.controller.js';
import { QuestionReviewService } from './question-review.service.js';

@Module({ imports: [RoundsModule], controllers: [QuestionReviewController], providers: [QuestionReviewService], exports: [QuestionReviewService] })
export class QuestionReviewModule {}
