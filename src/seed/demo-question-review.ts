import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './demo-fixtures.js';
import type { User } from '../users/user.entity.js';
import type { QuestionReviewService } from '../question-review/question-review.service.js';

interface DemoReview {
  required: boolean;
  said: { panelCode: string; key: string; verdict: 'clear' | 'suggestion'; suggestedWording?: string; comment?: string; reply: { accept?: true; answer: string } }[];
}

/**
 * The demo's completed question check (fixtures/demo-question-review.json): every young partner checks
 * every question they will score, as "clear" unless the fixture says otherwise, and the lead replies to
 * each suggestion or comment. Run while the round is a draft, panel added.
 */
export async function seedQuestionReview(review: QuestionReviewService, lead: User, roundId: string, reference: string, youngPartners: Map<string, User>): Promise<void> {
  const demo = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'demo-question-review.json'), 'utf8')) as Record<string, DemoReview>)[reference];
  if (!demo) return;
  await review.setRequired(lead, roundId, { required: demo.required });
  const keys = (await review.view(lead, roundId)).questions.filter((q) => q.youngPartnersScore).map((q) => q.key);
  for (const [panelCode, user] of youngPartners) {
    for (const key of keys) {
      const said = demo.said.find((s) => s.panelCode === panelCode && s.key === key);
      await review.check(user, roundId, key, said ? { verdict: said.verdict, suggestedWording: said.suggestedWording, comment: said.comment } : { verdict: 'clear' });
    }
  }
  const feedback = (await review.view(lead, roundId)).questions.flatMap((q) => q.feedback);
  for (const said of demo.said) {
    const member = youngPartners.get(said.panelCode)!;
    const mine = feedback.find((f) => f.questionKey === said.key && f.from.startsWith(`${member.displayName} (${said.panelCode})`))!;
    if (said.reply.accept) await review.accept(lead, roundId, mine.id, { answer: said.reply.answer });
    else await review.answer(lead, roundId, mine.id, { answer: said.reply.answer });
  }
}
