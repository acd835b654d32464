import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { AddPanelMemberDto, ConflictStatusDto, DeclareConflictDto, PanelMemberDto } from './panel.dto.js';
import { PanelService } from './panel.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('panel')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class PanelController {
  constructor(private readonly panel: PanelService) {}

  @Post('panel')
  @ApiOperation({ summary: 'Add a panellist to the panel with their group (lead, draft only)' })
  @ApiCreatedResponse({ type: PanelMemberDto })
  add(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: AddPanelMemberDto): Promise<PanelMemberDto> {
    return this.panel.addMember(user, id, dto);
  }

  @Delete('panel/:memberId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a panellist (lead, draft only)' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: User, @Param('id') id: string, @Param('memberId') memberId: string): Promise<void> {
    return this.panel.removeMember(user, id, memberId);
  }

  @Post('conflicts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare an interest in a bid (recuses you from it), or, without bidId, that you have no (further) conflicts' })
  @ApiOkResponse({ type: ConflictStatusDto })
  declare(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: DeclareConflictDto): Promise<ConflictStatusDto> {
    return this.panel.declare(user, id, dto);
  }

  @Get('conflicts')
  @ApiOperation({ summary: "Conflict declarations: everyone's for the lead and auditors, your own for a panellist" })
  @ApiOkResponse({ type: [ConflictStatusDto] })
  conflicts(@CurrentUser() user: User, @Param('id') id: string): Promise<ConflictStatusDto[]> {
    return this.panel.conflicts(user, id);
  }
}
