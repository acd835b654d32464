import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { PanelController } from './panel.controller.js';
import { PanelService } from './panel.service.js';

@Module({ imports: [RoundCoreModule], controllers: [PanelController], providers: [PanelService], exports: [PanelService] })
export class PanelModule {}
