import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, PANEL, userId } from '../support/rounds.js';
import type { TestApp } from '../support/test-app.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'rounds');
const DAY = 24 * 3600 * 1000;

export interface Question { id: string; key: string; title: string; type: string; scoredBy: string[] }

/** A fixture round definition with its own reference and a tender deadline two weeks ahead of the app's clock. */
export function fixtureDefinition(t: TestApp, file: string): Record<string, unknown> & { reference: string } {
  const definition = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
  definition.reference = `${definition.reference.split('-')[0]}-${Math.floor(Math.random() * 1e6)}`;
  definition.timetable = { tenderDeadline: new Date(t.clock.now().getTime() + 14 * DAY).toISOString() };
  return definition;
}

export interface BidSpec {
  supplierName: string;
  price: string;
  responses?: Record<string, string>;
  excluded?: string;
}

/**
 * Through the API (the tests are about the pages, not this): a round with the six demo panellists,
 * published, the given bids registered, the deadline passed, compliance decided and conflicts declared
 * by everyone except `undeclared`; scoring opens when everyone has declared.
 */
export async function roundWithBids(t: TestApp, definition: Record<string, unknown>, bids: BidSpec[], options: { undeclared?: string[] } = {}) {
  const lead = await t.tokenFor('commissioner@demo.test');
  const created = await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(201);
  const roundId: string = created.body.id;
  const questions: Question[] = created.body.criteria.flatMap((s: { questions: Question[] }) => s.questions);
  const tokens: Record<string, string> = {};
  for (const m of PANEL) {
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, m.email), group: m.group }).expect(201);
    tokens[m.email] = await t.tokenFor(m.email);
  }
  await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel members and officers assessed against the market; no interests found.' }).expect(200);
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(200);
  const bidIds: string[] = [];
  for (const bid of bids) {
    const responses = Object.fromEntries(questions.filter((q) => q.type !== 'price').map((q) => [q.key, bid.responses?.[q.key] ?? `${bid.supplierName} sets out its approach to ${q.title.toLowerCase()}, with examples from its current services.`]));
    bidIds.push((await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: bid.supplierName, price: bid.price, responses }).expect(201)).body.id);
  }
  const deadline = new Date(created.body.timetable.tenderDeadline).getTime();
  t.clock.set(new Date(deadline + 60_000));
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
  for (const [i, bid] of bids.entries()) {
    await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[i]}/compliance`).set(bearer(lead))
      .send(bid.excluded ? { decision: 'excluded', reason: bid.excluded } : { decision: 'compliant' }).expect(200);
  }
  const undeclared = new Set(options.undeclared ?? []);
  for (const m of PANEL) if (!undeclared.has(m.email)) await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(tokens[m.email])).send({}).expect(200);
  if (undeclared.size === 0) await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200);
  return { roundId, lead, tokens, bidIds, questions, criterion: (key: string) => questions.find((q) => q.key === key)!.id };
}

/** Every panellist scores every assignment with `markFor` and submits. */
export async function everyoneScores(t: TestApp, roundId: string, tokens: Record<string, string>, markFor: (args: { email: string; bidId: string; key: string; group: string; index: number }) => number) {
  for (const m of PANEL) {
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens[m.email])).expect(200)).body;
    const index = PANEL.filter((p) => p.group === m.group).findIndex((p) => p.email === m.email);
    for (const bid of mine.bids) {
      for (const q of bid.questions) {
        const mark = markFor({ email: m.email, bidId: bid.bidId, key: q.key, group: m.group, index });
        await t.http().put(`/api/rounds/${roundId}/bids/${bid.bidId}/scores/${q.criterionId}`).set(bearer(tokens[m.email]))
          .send({ mark, justification: `${m.group === 'youngPartner' ? 'From what they wrote' : 'On the evidence in the response'}, ${q.title.toLowerCase()} merits ${mark}.` }).expect(200);
      }
    }
    await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email])).expect(200);
  }
}

/** The lead records a consensus for every cell still without one: the median mark, with a reason. */
export async function agreeTheRest(t: TestApp, roundId: string, lead: string) {
  const view = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
  for (const cell of view.items.filter((c: { consensus: unknown }) => !c.consensus)) {
    const marks = cell.marks.map((m: { mark: number }) => m.mark).sort((a: number, b: number) => a - b);
    const mark = marks[Math.floor(marks.length / 2)];
    await t.http().put(`/api/rounds/${roundId}/bids/${cell.bidId}/consensus/${cell.criterionId}`).set(bearer(lead))
      .send({ group: cell.group, mark, reason: `The group agreed ${mark} after discussing the evidence in the answer.` }).expect(200);
  }
}
