import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CreatedUserDto, CreateUserDto } from './user.dto.js';
import type { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('commissioner')
  @ApiOperation({ summary: 'Invite a user: the account is created and a one-time link (valid 7 days) is returned' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@CurrentUser() actor: User, @Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.invite(actor, dto);
  }
}
