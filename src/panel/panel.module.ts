import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { PanelController } from './panel.controller.js';
import { PanelService } from './panel.service.js';

@Module({ imports: [RoundsModule], controllers: [PanelController], providers: [PanelService], exports: [PanelService] })
export class PanelModule {}
