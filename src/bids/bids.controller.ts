import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { BidDto, BidsQueryDto, ComplianceDecisionDto, PracticeBidDto, RegisterBidDto } from './bid.dto.js';
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
  @ApiOkResponse({
    type: [BidDto],
    description: 'A page of bids in the order received (100 a page unless asked: an ordinary round comes whole); the totals are in the headers',
    headers: {
      'X-Total-Count': { description: 'Bids you see, on every page', schema: { type: 'integer' } },
      'X-Page': { description: 'This page (1 is the first)', schema: { type: 'integer' } },
      'X-Per-Page': { description: 'Bids per page', schema: { type: 'integer' } },
      'X-Pages': { description: 'Pages in all (at least 1)', schema: { type: 'integer' } },
    },
  })
  async list(@CurrentUser() user: User, @Param('id') id: string, @Query() query: BidsQueryDto, @Res({ passthrough: true }) res: Response): Promise<BidDto[]> {
    // The body stays the list it always was (callers of small rounds see no change); the totals travel beside it.
    const page = await this.bids.page(user, id, query);
    res.set({ 'X-Total-Count': String(page.total), 'X-Page': String(page.page), 'X-Per-Page': String(page.perPage), 'X-Pages': String(page.pages) });
    return page.items;
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
