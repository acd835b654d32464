import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { WorkbookController } from './workbook.controller.js';
import { WorkbookService } from './workbook.service.js';

@Module({ imports: [RoundsModule], controllers: [WorkbookController], providers: [WorkbookService], exports: [WorkbookService] })
export class ExportsModule {}
