import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { InsightService, type LoadedConsistency, type LoadedSensitivity } from './insight.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('panel insight')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class InsightController {
  constructor(private readonly insight: InsightService) {}

  @Get('sensitivity')
  @ApiOperation({ summary: 'How robust the result is: the winning margin, the smallest mark change per question that changes the winner, the group-weight and price-weight ranges over which the winner stays first, bids one mark from a minimum (lead and auditors, when the results are shown)' })
  @ApiOkResponse({ description: 'The figures, each also as a sentence (words)' })
  @ApiQuery({ name: 'lot', required: false, description: 'A round with lots: the lot (key; default the first). Each lot is awarded on its own' })
  getSensitivity(@CurrentUser() user: User, @Param('id') id: string, @Query('lot') lot?: string): Promise<LoadedSensitivity> {
    return this.insight.sensitivity(user, id, lot);
  }

  @Get('consistency')
  @ApiOperation({ summary: "How consistently the panel applied the scale: Krippendorff's alpha per group and question, each panellist's leniency, spread and drift by panel code (lead once scoring has closed, auditors; never panellists)" })
  @ApiOkResponse({ description: 'Agreement, panellists and the rules used to flag them' })
  getConsistency(@CurrentUser() user: User, @Param('id') id: string): Promise<LoadedConsistency> {
    return this.insight.consistency(user, id);
  }
}
