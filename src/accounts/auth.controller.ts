import { Body, Controller, Get, HttpCode, Ip, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from './users.service.js';
import { CurrentUser, Public } from '../auth/auth.decorators.js';
import { AcceptInvitationDto, LoginDto, SessionDto } from './auth.dto.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { AuthService } from './auth.service.js';
import { Sessions } from '../auth/sessions.js';
import { InvitationRateLimitGuard, LoginRateLimitGuard } from '../auth/login-rate-limit.guard.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly users: UsersService, private readonly sessions: Sessions) {}

  @Public()
  @UseGuards(LoginRateLimitGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'The email or password is not right' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account, or from this address' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<SessionDto> {
    return this.auth.signIn(dto.email, dto.password, ip, 'bearer');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: User): UserDto {
    return UserDto.from(user);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the session used for this request ends at once' })
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    await this.sessions.end(request.authSession!.id);
  }

  @Post('logout-everywhere')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out everywhere: every session of the signed-in user ends, browser and API alike' })
  @ApiOkResponse({ schema: { type: 'object', properties: { sessionsEnded: { type: 'integer' } } } })
  async logoutEverywhere(@CurrentUser() user: User): Promise<{ sessionsEnded: number }> {
    return { sessionsEnded: await this.auth.signOutEverywhere(user) };
  }

  @Public()
  @UseGuards(InvitationRateLimitGuard)
  @Post('invitations/:token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set a password, get signed in' })
  @ApiOkResponse({ type: SessionDto })
  async acceptInvitation(@Param('token') token: string, @Body() dto: AcceptInvitationDto): Promise<SessionDto> {
    const user = await this.users.acceptInvitation(token, dto.password);
    return this.auth.session(user, 'bearer');
  }
}
