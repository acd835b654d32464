import { Body, Controller, Get, HttpCode, Ip, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { AcceptInvitationDto, LoginDto, SessionDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly users: UsersService) {}

  @Public()
  @UseGuards(LoginRateLimitGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'The email or password is not right' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this email from this address' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<SessionDto> {
    return this.auth.signIn(dto.email, dto.password, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: User): UserDto {
    return UserDto.from(user);
  }

  @Public()
  @Post('invitations/:token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set a password, get signed in' })
  @ApiOkResponse({ type: SessionDto })
  async acceptInvitation(@Param('token') token: string, @Body() dto: AcceptInvitationDto): Promise<SessionDto> {
    const user = await this.users.acceptInvitation(token, dto.password);
    return this.auth.session(user);
  }
}
