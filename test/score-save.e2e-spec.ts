import { DataSource } from 'typeorm';
import { AuditEvent } from '../src/audit/audit-event.entity.js';
import { bearer, roundInScoring } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

/**
 * What one score save costs and records: the statements it sends (counted at TypeORM's logger, so a
 * statement added to the hot path is seen here first) and the audit event of a changed mark.
 */
describe('one score save', () => {
  let t: TestApp;
  let r: Awaited<ReturnType<typeof roundInScoring>>;
  let q1: string;
  beforeAll(async () => {
    t = await startTestApp();
    r = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }]);
    const detail = (await t.http().get(`/api/rounds/${r.roundId}`).set(bearer(r.lead)).expect(200)).body;
    q1 = detail.criteria[0].questions.find((q: { key: string }) => q.key === 'Q1').id;
  });
  afterAll(() => t.close());

  const save = (mark: number, justification: string) =>
    t.http().put(`/api/rounds/${r.roundId}/bids/${r.bidIds[0]}/scores/${q1}`).set(bearer(r.tokens['clinician@demo.test'])).send({ mark, justification }).expect(200);

  /** The SQL statements TypeORM sends while `work` runs (BEGIN and COMMIT included). */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const logger = t.app.get(DataSource).logger;
    const original = logger.logQuery;
    const seen: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      seen.push(query.replace(/\s+/g, ' '));
      return original.call(logger, query, parameters, runner);
    };
    try {
      await work();
    } finally {
      logger.logQuery = original;
    }
    return seen;
  }

  it('a first mark and a change each take one statement for the sign-in and ten in the transaction (eleven on PostgreSQL, with the chain lock)', async () => {
    const first = await statementsOf(() => save(2, 'Names two mentors per young person'));
    const change = await statementsOf(() => save(3, 'Names two mentors and a plan for endings'));
    // The sign-in (session and user together); then BEGIN, the round, the seat with its declaration on
    // this bid, the bid, the question, the existing mark, the write, the chain head with the next
    // sequence, the audit event, COMMIT. Nothing reads back what it wrote.
    const inTransaction = t.db.kind === 'postgres' ? 11 : 10;
    for (const statements of [first, change]) {
      expect(statements).toHaveLength(1 + inTransaction);
      expect(statements.filter((s) => /FROM "scores"/.test(s))).toHaveLength(1);
      expect(statements.filter((s) => /FROM "?audit_events/.test(s))).toHaveLength(1);
    }
    expect(first.filter((s) => /^INSERT INTO "scores"/.test(s))).toHaveLength(1);
    expect(change.filter((s) => /^UPDATE "scores"/.test(s))).toHaveLength(1);
  });

  it('a changed mark records the mark before and after, and the row it wrote verifies against the trail', async () => {
    await save(1, 'Gives no plan for endings at all');
    // Read from the table: while scoring is open the trail API hides marks from the lead.
    const [last] = await t.app.get(DataSource).getRepository(AuditEvent).find({ where: { roundId: r.roundId, type: 'score.saved' }, order: { position: 'DESC' }, take: 1 });
    expect(last.payload).toMatchObject({ mark: 1, justification: 'Gives no plan for endings at all', before: { mark: 3, justification: 'Names two mentors and a plan for endings' } });
    expect(last.payload.data).toEqual([{ table: 'scores', id: expect.any(String), fields: expect.objectContaining({ mark: expect.any(String), justification: expect.any(String) }) }]);
    const verified = (await t.http().get(`/api/rounds/${r.roundId}/audit/verify`).set(bearer(r.lead)).expect(200)).body;
    expect(verified).toMatchObject({ valid: true, chainValid: true });
  });
});
