import type { TestApp } from './test-app.js';

const HOUR = 3600 * 1000;

/** A small, valid round definition: Quality 60 (Q1 shared 50/50, Q2 young-partner-owned), Social value 10, Price 30. */
export function roundDefinition(overrides: Record<string, unknown> = {}) {
  return {
    reference: `TEST-${Math.floor(Math.random() * 1e9)}`,
    title: 'Violence reduction social prescribing pathway',
    route: 'pa23-open',
    description: 'A pathway provider for young people aged 10 to 25.',
    timetable: { tenderDeadline: new Date(Date.now() + 14 * 24 * HOUR).toISOString() },
    scale: {
      max: 4,
      descriptors: ['No answer', 'Poor', 'Partial', 'Good', 'Excellent'].map((label, mark) => ({
        mark, label, description: `${label}: formal descriptor`, plainLanguage: `${label}: in plain words`,
      })),
    },
    tieBreak: { rule: 'highestQualityScore', description: 'The bid with the higher quality score wins a tie.' },
    criteria: [
      {
        key: 'S1', title: 'Quality', weight: 60,
        questions: [
          { key: 'Q1', title: 'Approach', text: 'Describe your approach.', plainLanguage: 'How will they help young people?', type: 'quality', weight: 50, threshold: 2, scoredBy: ['professional', 'youngPartner'], groupWeights: { professional: 50, youngPartner: 50 } },
          { key: 'Q2', title: 'Feeling safe', text: 'How will young people feel safe and listened to?', plainLanguage: 'Will young people feel safe and listened to?', type: 'quality', weight: 50, scoredBy: ['youngPartner'], groupWeights: { youngPartner: 100 } },
        ],
      },
      { key: 'S2', title: 'Social value', weight: 10, questions: [{ key: 'SV1', title: 'Local jobs', text: 'Local employment.', type: 'quality', weight: 100, scoredBy: ['professional'], groupWeights: { professional: 100 } }] },
      { key: 'S3', title: 'Price', weight: 30, questions: [{ key: 'PRICE', title: 'Price', text: 'Total price for 3 years.', type: 'price', weight: 100, scoredBy: [] }] },
    ],
    ...overrides,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function userId(t: TestApp, email: string): Promise<string> {
  const token = await t.tokenFor(email);
  return (await t.http().get('/api/auth/me').set(bearer(token)).expect(200)).body.id;
}

/** Creates a round and takes it to tendering with a panel of YP1, YP2 and P1; returns ids and tokens. */
export async function publishedRound(t: TestApp, overrides: Record<string, unknown> = {}) {
  const lead = await t.tokenFor('commissioner@demo.test');
  const created = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition(overrides)).expect(201);
  const roundId: string = created.body.id;
  const members = [
    { email: 'yp1@demo.test', group: 'youngPartner' },
    { email: 'yp2@demo.test', group: 'youngPartner' },
    { email: 'clinician@demo.test', group: 'professional', seesPrice: false },
  ];
  for (const m of members) {
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, m.email), group: m.group }).expect(201);
  }
  await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(200);
  return { roundId, lead };
}

export const PANEL = [
  { email: 'yp1@demo.test', group: 'youngPartner' },
  { email: 'yp2@demo.test', group: 'youngPartner' },
  { email: 'yp3@demo.test', group: 'youngPartner' },
  { email: 'clinician@demo.test', group: 'professional' },
  { email: 'finance@demo.test', group: 'professional' },
  { email: 'safeguarding@demo.test', group: 'professional' },
] as const;

/**
 * Creates a round with the full demo panel (3 young partners, 3 professionals), registers the given bids,
 * passes the deadline, marks them compliant (or excluded), has everyone declare, and opens scoring.
 */
export async function roundInScoring(
  t: TestApp,
  bids: { supplierName: string; price: string; excluded?: string; responses?: Record<string, string>; lotKey?: string }[],
  overrides: Record<string, unknown> = {},
  panel: readonly { email: string; group: string }[] = PANEL,
  /** Work on the round while it is still a draft, panel added (e.g. questions citing i-Statements). */
  whileDraft?: (roundId: string, lead: string) => Promise<void>,
  /** Work on the round while it is open for tenders, bids registered (e.g. clarifications). */
  whileTendering?: (roundId: string, lead: string) => Promise<void>,
) {
  const lead = await t.tokenFor('commissioner@demo.test');
  const roundId: string = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition(overrides)).expect(201)).body.id;
  const tokens: Record<string, string> = {};
  for (const m of panel) {
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, m.email), group: m.group }).expect(201);
    tokens[m.email] = await t.tokenFor(m.email);
  }
  await whileDraft?.(roundId, lead);
  await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(200);
  const bidIds: string[] = [];
  for (const bid of bids) {
    const created = await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead))
      .send({ supplierName: bid.supplierName, ...(bid.lotKey ? { lotKey: bid.lotKey } : {}), price: bid.price, responses: bid.responses ?? { Q1: `${bid.supplierName} approach`, Q2: `${bid.supplierName} on safety`, SV1: 'Local jobs' } }).expect(201);
    bidIds.push(created.body.id);
  }
  await whileTendering?.(roundId, lead);
  const deadline = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline;
  t.clock.set(new Date(new Date(deadline).getTime() + 60_000));
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
  for (const [i, bid] of bids.entries()) {
    await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[i]}/compliance`).set(bearer(lead))
      .send(bid.excluded ? { decision: 'excluded', reason: bid.excluded } : { decision: 'compliant' }).expect(200);
  }
  for (const m of panel) await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(tokens[m.email])).send({}).expect(200);
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200);
  return { roundId, lead, tokens, bidIds };
}

/**
 * A round at the award decision with the preferred bidder recorded: every member of `panel` gives
 * `mark(bid, key, group)` with a justification, the lead agrees the same mark with `reason(...)`.
 */
export async function decidedRound(
  t: TestApp,
  options: {
    bids: { supplierName: string; price: string; excluded?: string; responses?: Record<string, string>; lotKey?: string }[];
    mark: (bid: number, key: string, group: string) => number;
    reason?: (bid: number, key: string, group: string) => string;
    overrides?: Record<string, unknown>;
    panel?: readonly { email: string; group: string }[];
    /** Stop with moderation open (scoring closed, nothing agreed yet). */
    until?: 'moderation';
    whileDraft?: (roundId: string, lead: string) => Promise<void>;
  },
) {
  const panel = options.panel ?? PANEL.filter((m) => ['yp1@demo.test', 'clinician@demo.test'].includes(m.email));
  t.clock.set(new Date()); // an earlier test may have moved time past this round's tender deadline
  const built = await roundInScoring(t, options.bids, options.overrides, panel, options.whileDraft);
  const { roundId, lead, tokens, bidIds } = built;
  const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
  const quality: { id: string; key: string; scoredBy: string[] }[] = round.criteria
    .flatMap((s: { questions: { id: string; key: string; type: string; scoredBy: string[] }[] }) => s.questions)
    .filter((q: { type: string }) => q.type === 'quality');
  const compliant = options.bids.flatMap((b, i) => (b.excluded ? [] : [i]));
  const cells = compliant.flatMap((bid) => quality.flatMap((q) => q.scoredBy.map((group) => ({ bid, q, group }))));
  for (const { bid, q, group } of cells) {
    for (const m of panel.filter((p) => p.group === group)) {
      await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[bid]}/scores/${q.id}`).set(bearer(tokens[m.email]))
        .send({ mark: options.mark(bid, q.key, group), justification: 'The answer shows this level of evidence' }).expect(200);
    }
  }
  for (const m of panel) await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email])).expect(200);
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
  if (options.until === 'moderation') return { ...built, results: null };
  for (const { bid, q, group } of cells) {
    const reason = options.reason?.(bid, q.key, group) ?? 'Agreed after discussing the evidence in the answer';
    await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[bid]}/consensus/${q.id}`).set(bearer(lead)).send({ group, mark: options.mark(bid, q.key, group), reason }).expect(200);
  }
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
  const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
  // A round with lots is decided lot by lot (the caller does it); a round without lots has one decision.
  if (!results.lots) await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: results.bids[0].id }).expect(200);
  return { ...built, results };
}

/**
 * What the lead does before the award notice (PA23 s.50): records why each flagged consensus reason
 * stands, then marks every assessed bidder's summary sent. Returns the overview it started from.
 */
export async function sendSummaries(t: TestApp, roundId: string, lead: string) {
  const overview = (await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body;
  for (const weak of overview.weakReasons.filter((w: { note: string | null }) => w.note === null)) {
    await t.http().post(`/api/rounds/${roundId}/reason-notes`).set(bearer(lead))
      .send({ bidId: weak.bidId, criterionId: weak.criterionId, group: weak.group, note: 'Test round: the reason stands as the panel recorded it' }).expect(200);
  }
  for (const summary of overview.summaries.filter((s: { sent: unknown }) => !s.sent)) {
    await t.http().post(`/api/rounds/${roundId}/bids/${summary.bidId}/assessment-summary/sent`).set(bearer(lead)).send({}).expect(200);
  }
  return overview;
}

/** GETs a file (a workbook, a PDF) as the bytes of one Buffer in `body`. */
export function download(t: TestApp, path: string, token: string) {
  const bytes = (response: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  };
  return t.http().get(path).set(bearer(token)).buffer(true).parse(bytes as unknown as Parameters<ReturnType<TestApp['http']>['parse']>[0]);
}

/** The two-lot round of README "Lots" (test/lots.e2e-spec.ts): Alder bids for both lots, Birch for L1, Cedar for L2. */
export const TWO_LOT_BIDS = [
  { supplierName: 'Alder Mentoring CIC', price: '100000', lotKey: 'L1' },
  { supplierName: 'Birch Youth Trust', price: '80000', lotKey: 'L1' },
  { supplierName: 'Alder Mentoring CIC', price: '48000', lotKey: 'L2' },
  { supplierName: 'Cedar Futures', price: '40000', lotKey: 'L2' },
];
