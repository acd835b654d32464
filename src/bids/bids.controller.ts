import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { BidDto, ComplianceDecisionDto, PracticeBidDto, RegisterBidDto } from './bid.dto.js';
import { BidsService } from './bids.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('bids')
@ApiSignedIn()
@Controller('api/rounds/:id/bids')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post()
  @ApiOperation({ summary: 'Register a bid as it arrives (lead, while tendering; refused after the deadline)' })
  @ApiCreatedResponse({ type: BidDto })
  register(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: RegisterBidDto): Promise<BidDto> {
    return this.bids.register(user, id, dto);
  }

  @Post('practice')
  @ApiOperation({ summary: 'Add the practice bid of a calibration exercise (lead, before scoring starts): every panellist scores it first; it never takes part in the award' })
  @ApiCreatedResponse({ type: BidDto })
  addPractice(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: PracticeBidDto): Promise<BidDto> {
    return this.bids.addPractice(user, id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Bids visible to you: all for the lead and auditors; for the panel, after the deadline, those you are not conflicted on, price only with the price envelope' })
  @ApiOkResponse({ type: [BidDto] })
  list(@CurrentUser() user: User, @Param('id') id: string): Promise<BidDto[]> {
    return this.bids.list(user, id);
  }

  @Get(':bidId')
  @ApiOperation({ summary: 'One bid, under the same rules' })
  @ApiOkResponse({ type: BidDto })
  get(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string): Promise<BidDto> {
    return this.bids.get(user, id, bidId);
  }

  @Put(':bidId/compliance')
  @ApiOperation({ summary: 'Mark a bid compliant, or exclude it with a reason (lead, in compliance)' })
  @ApiOkResponse({ type: BidDto })
  decide(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string, @Body() dto: ComplianceDecisionDto): Promise<BidDto> {
    return this.bids.decideCompliance(user, id, bidId, dto);
  }
}
