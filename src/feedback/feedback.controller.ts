import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { FeedbackService } from './feedback.service.js';
import { YouSaidWeDidDto } from './you-said-we-did.dto.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('you said, we did')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('you-said-we-did')
  @ApiOperation({ summary: "For the round's young partners (and the lead and auditors): what young people said, the questions from it, how their marks shaped the result and would it have changed without them, and the KPIs tracking their statements" })
  @ApiOkResponse({ type: YouSaidWeDidDto })
  view(@CurrentUser() user: User, @Param('id') id: string): Promise<YouSaidWeDidDto> {
    return this.feedback.youSaidWeDid(user, id);
  }

  @Get('you-said-we-did.pdf')
  @ApiOperation({ summary: '"You said, we did" as a printable PDF' })
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: User, @Param('id') id: string): Promise<StreamableFile> {
    const { file, fileName } = await this.feedback.pdf(user, id);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: file.length });
  }
}
