/** Refusals about reminders and the outbox. */
export enum NotificationsErrorCode {
  /** Reminders can be sent only while the round is open for scoring. */
  WrongStage = 'notifications.wrong_stage',
}
