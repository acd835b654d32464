import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SentSummaries } from '../scoring/sent-summaries.js';
import { SummarySent } from './summary-records.entity.js';

@Injectable()
class SentSummaryRecords implements SentSummaries {
  sentFor(manager: EntityManager, bidId: string, preferredBidId: string): Promise<boolean> {
    return manager.existsBy(SummarySent, { bidId, preferredBidId });
  }
}

/** Global so the moderation service (scoring/) finds the port without importing award/. */
@Global()
@Module({ providers: [{ provide: SentSummaries, useClass: SentSummaryRecords }], exports: [SentSummaries] })
export class SentSummariesModule {}
