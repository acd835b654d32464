import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { InsightController } from './insight.controller.js';
import { InsightService } from './insight.service.js';

@Module({ imports: [RoundCoreModule], controllers: [InsightController], providers: [InsightService], exports: [InsightService] })
export class InsightModule {}
