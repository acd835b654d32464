import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ErrorDto, withErrorBodies } from './common/api-errors.js';
import { createValidationPipe } from './common/validation.js';
import { configureWeb } from './web/web-setup.js';

/**
 * Builds the application exactly as it runs, for main.ts and for the end-to-end tests. `beforeInit` runs
 * once everything is built but before start-up work (the deadline scheduler's first run): a test sets the
 * injectable Clock there to start an instance at a later time.
 */
export async function createApp(config: AppConfig, options: { beforeInit?: (app: INestApplication) => void } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false, bodyParser: false }); // bodies: common/request-input.ts
  app.useLogger(app.get(Logger));
  // X-Forwarded-For is believed only behind a configured proxy (TRUST_PROXY); otherwise a caller could pick their own address.
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI needs inline styles; everything else comes from this origin only.
        directives: {
          'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'],
          // Served over plain HTTP (a demo on a LAN address), upgrading would break the pages' CSS, scripts and forms.
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
    }),
  );
  configureWeb(app);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // Built on the first request for it, not at start-up: it walks every route (about 0.2 s of CPU per start).
  const document = () => withErrorBodies(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Commissioning rounds')
      .setDescription('Evaluation and scoring of bids for health and care services, with young partners on the panel.')
      .setVersion(process.env.npm_package_version ?? '0.1.0')
      .addServer(config.publicUrl.replace(/\/+$/, ''), 'This service (PUBLIC_URL)')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorDto] },
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  options.beforeInit?.(app);
  await app.init();
  return app;
}
