/**
 * Every email the app sends: one function per message, each giving plain text and simple HTML from the
 * same lines. Young partners' messages use plain words (no "bid", "panel" or "procurement").
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A message as lines: paragraphs, with at most one link to press. */
function compose(subject: string, greeting: string, paragraphs: string[], link?: { label: string; url: string }, after: string[] = []): MailContent {
  const text = [greeting, ...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), ...after].join('\n\n') + '\n';
  const html = [
    `<p>${escape(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escape(p)}</p>`),
    ...(link ? [`<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>`] : []),
    ...after.map((p) => `<p>${escape(p)}</p>`),
  ].join('\n');
  return { subject, text, html: `<!doctype html>\n<html><body>\n${html}\n</body></html>\n` };
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const day = (instant: Date) => instant.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

export interface RoundRef {
  title: string;
  reference: string;
  url: string;
}

export function invitation(input: { displayName: string; url: string; expiresAt: Date }): MailContent {
  return compose('You have been invited to Commissioning Rounds', `Hello ${input.displayName},`, [
    'You have been given an account on Commissioning Rounds. Open the link below to choose your password.',
    `The link works once, until ${day(input.expiresAt)}. Do not share it: anyone with it can set your password.`,
  ], { label: 'Choose your password', url: input.url });
}

export function scoringOpen(input: { displayName: string; youngPartner: boolean; round: RoundRef }): MailContent {
  const { round } = input;
  if (input.youngPartner) {
    return compose(`The answers are ready for you to score: ${round.title}`, `Hi ${input.displayName},`, [
      `The answers for "${round.title}" are ready for you to score.`,
      'Read each answer and give it a mark, with a sentence about why. You can save as you go and come back later.',
    ], { label: 'Start scoring', url: round.url });
  }
  return compose(`${round.reference}: bids are open for you to score`, `Dear ${input.displayName},`, [
    `Compliance checks on ${round.reference} (${round.title}) are complete and the bids are open for you to score.`,
    'Please score each bid assigned to you, with a justification for every mark, then submit your scores.',
  ], { label: 'Open your scoring', url: round.url });
}

export function scoringReminder(input: { displayName: string; youngPartner: boolean; round: RoundRef }): MailContent {
  const { round } = input;
  if (input.youngPartner) {
    return compose(`A reminder: your scores for ${round.title}`, `Hi ${input.displayName},`, [
      `Just a reminder: we are still waiting for your scores for "${round.title}".`,
      'When you have given every answer a mark, press "Send my scores". Thank you!',
    ], { label: 'Carry on scoring', url: round.url });
  }
  return compose(`${round.reference}: reminder to submit your scores`, `Dear ${input.displayName},`, [
    `The lead for ${round.reference} (${round.title}) is waiting for your scores.`,
    'Please complete and submit your scores for every bid assigned to you.',
  ], { label: 'Open your scoring', url: round.url });
}

export function scoresReceived(input: { displayName: string; youngPartner: boolean; round: RoundRef; scores: number; at: Date }): MailContent {
  const { round } = input;
  if (input.youngPartner) {
    return compose(`Your scores are in: ${round.title}`, `Hi ${input.displayName},`, [
      `Your scores are in. We received all ${input.scores} of your marks for "${round.title}" on ${day(input.at)}.`,
      'Thank you for giving your time and your view. You do not need to do anything else.',
    ], { label: 'See what you sent', url: round.url });
  }
  return compose(`${round.reference}: your scores are in`, `Dear ${input.displayName},`, [
    `Your scores are in: ${input.scores} marks for ${round.reference} (${round.title}) were submitted on ${day(input.at)}.`,
    'They can no longer be changed. Thank you.',
  ], { label: 'Open the round', url: round.url });
}

export function tenderDeadlinePassed(input: { displayName: string; round: RoundRef; bids: number }): MailContent {
  const { round } = input;
  return compose(`${round.reference}: the tender deadline has passed`, `Dear ${input.displayName},`, [
    `The tender deadline for ${round.reference} (${round.title}) has passed and the round has moved to compliance checks.`,
    `${input.bids} ${input.bids === 1 ? 'bid was' : 'bids were'} received. Check each for compliance, then open scoring.`,
  ], { label: 'Open the round', url: round.url });
}

export function standstillEnded(input: { displayName: string; round: RoundRef }): MailContent {
  const { round } = input;
  return compose(`${round.reference}: the standstill period has ended`, `Dear ${input.displayName},`, [
    `The standstill period for ${round.reference} (${round.title}) has ended with no challenge, and the round is now awarded.`,
    'You may now enter into the contract and publish the contract details notice.',
  ], { label: 'Open the round', url: round.url });
}
