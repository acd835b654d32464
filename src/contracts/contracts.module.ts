import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';

@Module({ imports: [RoundCoreModule], controllers: [ContractsController], providers: [ContractsService], exports: [ContractsService] })
export class ContractsModule {}
