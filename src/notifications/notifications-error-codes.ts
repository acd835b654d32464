/** Refusals about reminders and the outbox. */
export enum NotificationsErrorCode {
  /** Reminders can be sent only while the round is open for scoring. */
  WrongStage = 'notifications.wrong_stage',
  /** No such message in the outbox. */
  MessageNotFound = 'notifications.message_not_found',
  /** Only a message that failed can be sent again; `status` says where it is. */
  MessageNotFailed = 'notifications.message_not_failed',
}
