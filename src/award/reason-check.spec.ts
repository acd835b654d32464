import { MIN_REASON_WORDS, checkReason, contentWords } from './reason-check.js';

// The demo round's scale and a question of the youth justice mentoring round.
const DESCRIPTORS = [
  'Covers the basics, but the answer stays general; it does not show how they would do it in practice or who would do it.',
  'A clear, specific answer with named roles and a realistic plan, drawing on what they already do.',
];
const QUESTION = ['Mentor matching and endings', 'How will you match each young person with a mentor, and how will you end the relationship well?'];
const RESPONSE =
  'Every young person meets two mentors before choosing one. Matching considers shared interests such as boxing and music. ' +
  'Endings are planned from week ten with a celebration session and a letter the young person keeps.';

const check = (reason: string) => checkReason({ reason, descriptors: DESCRIPTORS, question: QUESTION, response: RESPONSE });

describe('the reason check', () => {
  it('flags a reason that repeats the scale descriptor word for word', () => {
    const result = check(DESCRIPTORS[0]);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['repeatsDescriptorOrQuestion', 'noReferenceToBid']);
    expect(result.borrowedShare).toBe(1);
  });

  it('passes a reason that quotes the bid', () => {
    const result = check('The bid lets each young person meet two mentors before choosing, and plans endings from week ten with a celebration session; it gives no plan if a match breaks down.');
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.sharedWithBid).toEqual(expect.arrayContaining(['meet', 'two', 'choosing', 'week', 'ten', 'celebration', 'session']));
  });

  it('flags a short reason', () => {
    const result = check('Two mentors offered; good.');
    expect(result.problems.map((p) => p.code)).toEqual(['tooShort']);
    expect(result.problems[0].message).toBe(`4 words: say in at least ${MIN_REASON_WORDS} what in the bid earned the mark`);
  });

  it('flags a reason with no word of the bid in it, even when it is long and original', () => {
    const result = check('The panel felt that the approach was broadly sound but lacked the ambition we hoped to see across the whole of the contract period.');
    expect(result.problems.map((p) => p.code)).toEqual(['noReferenceToBid']);
  });

  it('flags a reason that mostly repeats the question', () => {
    const result = check('They will match each young person with a mentor and end the relationship well, as the question asks of every bidder.');
    expect(result.problems.map((p) => p.code)).toEqual(['repeatsDescriptorOrQuestion', 'noReferenceToBid']);
  });

  it('reads words without case, plural s or possessive', () => {
    expect(contentWords("The Mentors' plan and the mentor's sessions")).toEqual(['mentor', 'plan', 'mentor', 'session']);
  });
});
