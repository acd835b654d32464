import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { WorkbookController } from './workbook.controller.js';
import { WorkbookService } from './workbook.service.js';

@Module({ imports: [RoundCoreModule], controllers: [WorkbookController], providers: [WorkbookService], exports: [WorkbookService] })
export class ExportsModule {}
