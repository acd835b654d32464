import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AwardModule } from './award/award.module.js';
import { BidsModule } from './bids/bids.module.js';
import { BidImportModule } from './bid-import/bid-import.module.js';
import { ClarificationsModule } from './clarifications/clarifications.module.js';
import { CommonModule } from './common/common.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { HealthModule } from './health/health.module.js';
import { InsightModule } from './insight/insight.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PanelModule } from './panel/panel.module.js';
import { RoundsModule } from './rounds/rounds.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { QuestionReviewModule } from './question-review/question-review.module.js';
import { InvolvementModule } from './involvement/involvement.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { SeedModule } from './seed/seed.module.js';
import { UsersModule } from './accounts/users.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: withDestination(config, {
            level: config.logLevel,
            // A caller's X-Request-Id is kept so one request can be followed across services.
            genReqId: (request, response) => {
              const given = request.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              response.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            // An invitation link is a password: its token never reaches the log, in the URL or the Referer.
            serializers: { req: redactInvitationTokens },
          }),
        }),
        CommonModule,
        DatabaseModule,
        AuditModule,
        UsersModule,
        AuthModule,
        HealthModule,
        RoundsModule,
        NotificationsModule,
        PanelModule,
        BidsModule,
        BidImportModule,
        ScoringModule,
        AwardModule,
        InsightModule,
        StatementsModule,
        QuestionReviewModule,
        InvolvementModule,
        ContractsModule,
        FeedbackModule,
        ClarificationsModule,
        ExportsModule,
        SeedModule,
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}

function withDestination(config: AppConfig, options: PinoHttpOptions): Params['pinoHttp'] {
  return config.logDestination ? [options, config.logDestination] : options;
}

const INVITATION_TOKEN = /(\/invitations\/)[^/?#\s]+/g;

/** The request as pino-http serialised it, with any invitation token replaced. */
export function redactInvitationTokens(req: { url?: string; params?: unknown; headers?: Record<string, unknown> }): unknown {
  delete req.params; // the URL says the same, and route parameters may hold the token
  if (typeof req.url === 'string') req.url = req.url.replace(INVITATION_TOKEN, '$1[redacted]');
  const referer = req.headers?.referer;
  if (typeof referer === 'string' && req.headers) req.headers = { ...req.headers, referer: referer.replace(INVITATION_TOKEN, '$1[redacted]') };
  return req;
}
