import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { User } from '../users/user.entity.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** The first page after signing in: the rounds this person leads, scores or audits. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller()
export class HomeController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly scoring: ScoringService) {}

  @Get()
  async home(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Query('welcome') welcome?: string): Promise<void> {
    const rounds = await this.rounds.list(user);
    const scoring = await Promise.all(
      rounds.filter((r) => r.yourRole === 'panellist').map(async (r) => ({ round: r, mine: await this.scoring.myScoring(user, r.id, { withBids: false }) })),
    );
    const leading = rounds.filter((r) => r.yourRole === 'lead');
    const auditing = rounds.filter((r) => r.yourRole === 'auditor');
    // A young partner's home page speaks plainly (no "rounds"), unless they also lead or audit.
    const plain = scoring.some(({ mine }) => mine.group === 'youngPartner') && !leading.length && !auditing.length && !user.roles.includes('commissioner');
    this.views.send(req, res, 'home', {
      title: plain ? 'Your scoring' : 'Your rounds',
      plain,
      welcome: !!welcome,
      isCommissioner: user.roles.includes('commissioner'),
      leading,
      auditing,
      scoring,
    });
  }
}
