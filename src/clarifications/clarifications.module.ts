import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ClarificationsController } from './clarifications.controller.js';
import { ClarificationsService } from './clarifications.service.js';

@Module({ imports: [RoundsModule], controllers: [ClarificationsController], providers: [ClarificationsService], exports: [ClarificationsService] })
export class ClarificationsModule {}
