import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module.js';
import { BidsController } from './bids.controller.js';
import { BidsService } from './bids.service.js';

@Module({ imports: [RoundsModule], controllers: [BidsController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
