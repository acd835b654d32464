import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ERROR_PAGES } from '../common/error-pages.js';
import { AuthModule } from '../auth/auth.module.js';
import { AwardModule } from '../award/award.module.js';
import { BidsModule } from '../bids/bids.module.js';
import { ExportsModule } from '../exports/exports.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { InsightModule } from '../insight/insight.module.js';
import { InvolvementModule } from '../involvement/involvement.module.js';
import { QuestionReviewModule } from '../question-review/question-review.module.js';
import { PanelModule } from '../panel/panel.module.js';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { StatementsModule } from '../statements/statements.module.js';
import { UsersModule } from '../accounts/users.module.js';
import { AuditPagesController } from './audit-pages.controller.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { ContractPagesController } from './contract-pages.controller.js';
import { ClarificationPagesController } from './clarification-pages.controller.js';
import { BidImportPagesController } from './bid-import-pages.controller.js';
import { BidImportModule } from '../bid-import/bid-import.module.js';
import { ClarificationsModule } from '../clarifications/clarifications.module.js';
import { Csrf } from './csrf.js';
import { CsrfMiddleware } from './csrf.middleware.js';
import { HomeController } from './home.controller.js';
import { InvitationPagesController } from './invitation-pages.controller.js';
import { BidPagesController } from './bid-pages.controller.js';
import { RoundSetupPagesController } from './round-setup-pages.controller.js';
import { ModerationPagesController } from './moderation-pages.controller.js';
import { InvolvementPagesController } from './involvement-pages.controller.js';
import { OutboxPagesController } from './outbox-pages.controller.js';
import { QuestionReviewPagesController } from './question-review-pages.controller.js';
import { ResultsPagesController } from './results-pages.controller.js';
import { RoundPagesController } from './round-pages.controller.js';
import { ScoringPagesController } from './scoring-pages.controller.js';
import { CitationPagesController, StatementPagesController } from './statement-pages.controller.js';
import { SummariesPagesController } from './summaries-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/**
 * The server-rendered pages at /. They call the same services as the API; the CSRF middleware guards
 * every form post and every API call made with the session cookie.
 */
@Module({
  imports: [AuthModule, UsersModule, RoundsModule, PanelModule, BidsModule, ScoringModule, AwardModule, InsightModule, StatementsModule, QuestionReviewModule, InvolvementModule, ExportsModule, ContractsModule, FeedbackModule, ClarificationsModule, BidImportModule],
  controllers: [
    AuthPagesController,
    HomeController,
    ScoringPagesController,
    RoundPagesController,
    ModerationPagesController,
    ResultsPagesController,
    SummariesPagesController,
    AuditPagesController,
    StatementPagesController,
    CitationPagesController,
    OutboxPagesController,
    QuestionReviewPagesController,
    InvolvementPagesController,
    ContractPagesController,
    InvitationPagesController,
    BidPagesController,
    RoundSetupPagesController,
    ClarificationPagesController,
    BidImportPagesController,
  ],
  providers: [Csrf, Views, WebExceptionFilter, { provide: ERROR_PAGES, useExisting: WebExceptionFilter }],
  exports: [ERROR_PAGES],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
