import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { BidImportController } from './bid-import.controller.js';
import { BidImportService } from './bid-import.service.js';

@Module({ imports: [RoundsModule], controllers: [BidImportController], providers: [BidImportService], exports: [BidImportService] })
export class BidImportModule {}
