import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { InsightController } from './insight.controller.js';
import { InsightService } from './insight.service.js';

@Module({ imports: [RoundsModule], controllers: [InsightController], providers: [InsightService], exports: [InsightService] })
export class InsightModule {}
