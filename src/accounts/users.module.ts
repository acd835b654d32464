import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** People's accounts: invitations, roles, signing in and out. Builds on auth/ (sessions, passwords, the guard). */
@Module({ imports: [AuthModule], controllers: [AuthController, UsersController], providers: [AuthService, UsersService], exports: [AuthService, UsersService] })
export class UsersModule {}
