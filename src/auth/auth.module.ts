import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthGuard } from './auth.guard.js';
import { Sessions } from './sessions.js';
import { InvitationRateLimitGuard, LoginAttempts, LoginRateLimitGuard } from './login-rate-limit.guard.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a public key on every
      // verify (~0.8 ms against ~8 us here; see the README's cost section).
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.authSecret, 'utf8')), signOptions: { expiresIn: config.tokenTtlSeconds, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  providers: [Sessions, LoginAttempts, LoginRateLimitGuard, InvitationRateLimitGuard, { provide: APP_GUARD, useClass: AuthGuard }],
  // One sign-in limiter for the API and the sign-in page alike.
  exports: [Sessions, LoginAttempts, LoginRateLimitGuard, InvitationRateLimitGuard],
})
export class AuthModule {}
