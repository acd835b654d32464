import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { Clock } from './clock.js';
import { RequestInputMiddleware } from './request-input.js';

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class CommonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Before any other module's middleware (CSRF reads the parsed body) and before every route.
    consumer.apply(RequestInputMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
