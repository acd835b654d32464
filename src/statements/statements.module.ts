import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { StatementsController } from './statements.controller.js';
import { StatementsService } from './statements.service.js';

@Module({ imports: [RoundCoreModule], controllers: [StatementsController], providers: [StatementsService], exports: [StatementsService] })
export class StatementsModule {}
