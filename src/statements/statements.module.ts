import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { StatementsController } from './statements.controller.js';
import { StatementsService } from './statements.service.js';

@Module({ imports: [RoundsModule], controllers: [StatementsController], providers: [StatementsService], exports: [StatementsService] })
export class StatementsModule {}
