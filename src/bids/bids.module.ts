import { Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { BidsController } from './bids.controller.js';
import { BidsService } from './bids.service.js';

@Module({ imports: [RoundCoreModule], controllers: [BidsController], providers: [BidsService], exports: [BidsService] })
export class BidsModule {}
