import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { Notifications, type RemindersDto } from './notifications.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('notifications')
@ApiSignedIn()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: Notifications) {}

  @Get('outbox')
  @Roles('administrator')
  @ApiOperation({ summary: 'The mail outbox, newest first, with whether mail is configured. Administrators only: messages may hold invitation links.' })
  outbox() {
    return this.notifications.outbox();
  }

  @Post('outbox/:messageId/resend')
  @HttpCode(204)
  @Roles('administrator')
  @ApiOperation({ summary: 'Send a failed message again: it is queued afresh with its attempts counted from zero (administrators, audited)' })
  resend(@CurrentUser() user: User, @Param('messageId') messageId: string): Promise<void> {
    return this.notifications.resend(user, messageId);
  }

  @Post('rounds/:id/reminders')
  @HttpCode(200)
  @ApiOperation({ summary: 'The lead reminds every panel member who has not submitted their scores (by email, audited)' })
  remind(@CurrentUser() user: User, @Param('id') id: string): Promise<RemindersDto> {
    return this.notifications.remind(user, id);
  }
}
