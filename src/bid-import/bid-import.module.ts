import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { BidImportController } from './bid-import.controller.js';
import { BidImportService } from './bid-import.service.js';

@Module({ imports: [RoundCoreModule], controllers: [BidImportController], providers: [BidImportService], exports: [BidImportService] })
export class BidImportModule {}
