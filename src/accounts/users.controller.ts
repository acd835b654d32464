import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CreatedUserDto, CreateUserDto, SetRolesDto, UserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('administrator', 'commissioner')
  @ApiOperation({ summary: 'Invite a user: the account is created and a one-time link (valid 7 days) is returned. A commissioner may invite panellists only.' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiForbiddenResponse({ description: 'A commissioner asked for a role other than panellist' })
  create(@CurrentUser() actor: User, @Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.invite(actor, dto);
  }

  @Get()
  @Roles('administrator')
  @ApiOperation({ summary: 'Every account, with its roles and whether it is active' })
  @ApiOkResponse({ type: UserDto, isArray: true })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Put(':id/roles')
  @Roles('administrator')
  @ApiOperation({ summary: "Change an account's roles (audited); every session of that account ends" })
  @ApiOkResponse({ type: UserDto })
  setRoles(@CurrentUser() actor: User, @Param('id') id: string, @Body() dto: SetRolesDto): Promise<UserDto> {
    return this.users.setRoles(actor, id, dto.roles);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Disable an account (audited); every session of that account ends at once' })
  @ApiOkResponse({ type: UserDto })
  disable(@CurrentUser() actor: User, @Param('id') id: string): Promise<UserDto> {
    return this.users.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: 'Enable a disabled account again (audited)' })
  @ApiOkResponse({ type: UserDto })
  enable(@CurrentUser() actor: User, @Param('id') id: string): Promise<UserDto> {
    return this.users.setDisabled(actor, id, false);
  }
}
