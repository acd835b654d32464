import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';

@Module({ imports: [RoundsModule], controllers: [ContractsController], providers: [ContractsService], exports: [ContractsService] })
export class ContractsModule {}
