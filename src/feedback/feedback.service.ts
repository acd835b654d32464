import { Injectable } from '@nestjs/common';
import { RoundCommands } from '../round-core/round-commands.js';
import type { User } from '../users/user.entity.js';
import type { YouSaidWeDidDto } from './you-said-we-did.dto.js';
import { youSaidWeDid } from './you-said-we-did.js';
import { youSaidWeDidPdf } from './you-said-we-did-pdf.js';

const WHAT = '"you said, we did"';

@Injectable()
export class FeedbackService {
  constructor(private readonly commands: RoundCommands) {}

  youSaidWeDid(user: User, roundId: string): Promise<YouSaidWeDidDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesContract(WHAT), ({ manager, round, viewer }) => youSaidWeDid(manager, round, viewer));
  }

  async pdf(user: User, roundId: string): Promise<{ file: Buffer; fileName: string }> {
    const { feedback, now, reference } = await this.commands.query(user, roundId, (viewer) => viewer.assertSeesContract(WHAT), async ({ manager, round, viewer, now }) => (
      { feedback: await youSaidWeDid(manager, round, viewer), now, reference: round.reference }
    ));
    return { file: await youSaidWeDidPdf(feedback, now), fileName: `you-said-we-did-${reference.replace(/[^\w.-]+/g, '-')}.pdf` };
  }
}
