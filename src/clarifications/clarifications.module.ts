import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { ClarificationsController } from './clarifications.controller.js';
import { ClarificationsService } from './clarifications.service.js';

@Module({ imports: [RoundCoreModule], controllers: [ClarificationsController], providers: [ClarificationsService], exports: [ClarificationsService] })
export class ClarificationsModule {}
