/** Refusals about the panel and conflicts of interest. */
export enum PanelErrorCode {
  /** The panel or declarations can change only at another stage; `state` says where the round is. */
  WrongStage = 'panel.wrong_stage',
  /** No such user. */
  UserNotFound = 'panel.user_not_found',
  /** The user does not hold the panellist role. */
  NotAPanellist = 'panel.not_a_panellist',
  /** The person is already on this panel. */
  AlreadyMember = 'panel.already_member',
  /** The panel code is already taken. */
  CodeTaken = 'panel.code_taken',
  /** No such panel member. */
  MemberNotFound = 'panel.member_not_found',
  /** Say what the interest is. */
  InterestRequired = 'panel.interest_required',
  /** An interest needs the bid it relates to. */
  BidRequired = 'panel.bid_required',
  /** No such bid. */
  BidNotFound = 'panel.bid_not_found',
  /** This interest, or the whole declaration, is already recorded. */
  AlreadyDeclared = 'panel.already_declared',
}
