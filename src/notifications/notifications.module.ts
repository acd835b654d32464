import { Global, Module } from '@nestjs/common';
import { RoundCoreModule } from '../round-core/round-core.module.js';
import { NotificationsController } from './notifications.controller.js';
import { Notifications } from './notifications.service.js';
import { OutboxWorker } from './outbox-worker.js';

/** Mail: the outbox, the messages, the delivery worker. Global so any service can enqueue in its transaction. */
@Global()
@Module({ imports: [RoundCoreModule], controllers: [NotificationsController], providers: [Notifications, OutboxWorker], exports: [Notifications, OutboxWorker] })
export class NotificationsModule {}
