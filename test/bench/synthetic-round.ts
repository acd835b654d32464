import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import BetterSqlite from 'better-sqlite3';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { startRound } from '../../workflows/index.js';
import { GENESIS_HASH, hashEvent } from '../../src/audit/audit-chain.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Bid } from '../../src/bids/bid.entity.js';
import { Criterion } from '../../src/criteria/criterion.entity.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { PANEL_GROUPS, type PanelGroup } from '../../src/domain/panel-group.js';
import { PanelMember } from '../../src/round-core/panel-member.entity.js';
import { RoundTransition } from '../../src/round-core/round-transition.entity.js';
import { Round } from '../../src/round-core/round.entity.js';
import { Consensus } from '../../src/scoring/consensus.entity.js';
import { Score } from '../../src/scoring/score.entity.js';
import { User } from '../../src/users/user.entity.js';

export const SIZE = { bids: 400, panellists: 40, questions: 50 } as const;
export const AUDITOR_EMAIL = 'auditor@bench.test';

export interface SyntheticRound {
  roundId: string;
  marks: number;
}

export const sqliteOptions = (file: string) => dataSourceOptions({ database: { kind: 'sqlite', url: `sqlite:${file}`, sqlitePath: file } });

/**
 * A moderated round of 400 bids (or `size`) x 40 panellists (20 young partners, 20 professionals) x 50 quality
 * questions scored by both groups (800,000 individual marks) plus a price question, every cell agreed
 * in moderation, waiting for the award decision. The schema comes from the app's own migrations; the
 * rows go in through one better-sqlite3 connection, in one transaction, with statements built from the
 * entities' metadata (so JSON and instant columns are stored exactly as the app stores them).
 */
export async function buildSyntheticRound(file: string, size: { bids: number; panellists: number; questions: number } = SIZE, options: { inScoring?: boolean } = {}): Promise<SyntheticRound> {
  // In scoring: every mark a draft, nothing agreed, the panel still at work (for saves beside reads).
  const scoring = options.inScoring ?? false;
  const dataSource = new DataSource(sqliteOptions(file));
  await dataSource.initialize(); // runs the migrations
  const sqlite = new BetterSqlite(file);
  sqlite.pragma('journal_mode = WAL');
  const insert = inserter(sqlite, dataSource);
  const random = seeded(20261101);
  const at = (minutes: number) => new Date(Date.UTC(2026, 4, 1, 9, 0) + minutes * 60_000);
  const roundId = randomUUID();
  let marks = 0;

  sqlite.transaction(() => {
    const lead = user(insert, 'lead@bench.test', 'Lead Commissioner (bench)', ['commissioner']);
    user(insert, AUDITOR_EMAIL, 'Auditor (bench)', ['auditor']);
    const workflow = startRound('pa23-open', {});
    insert(Round, {
      id: roundId, reference: 'BENCH-800K', title: 'Benchmark round: 800,000 marks', description: 'Synthetic', route: 'pa23-open',
      machineId: workflow.machineId, machineVersion: workflow.machineVersion, state: scoring ? 'scoring' : 'awardDecision', context: workflow.context,
      scale: { max: 4, descriptors: ['None', 'Poor', 'Partial', 'Good', 'Excellent'].map((label, mark) => ({ mark, label, description: `${label} evidence`, plainLanguage: label })) },
      tieBreak: { rule: 'highestQualityScore', description: 'The higher quality score wins a tie.' },
      tenderDeadline: at(0), standstillEndsAt: null, conflictsAssessment: null, awardDecision: null, leadId: lead, createdAt: at(-60 * 24 * 30),
    });

    // Five quality sections of ten questions (14% each), then price (30%).
    const questions: string[] = [];
    let position = 0;
    for (let s = 0; s < 6; s++) {
      const sectionId = randomUUID();
      const price = s === 5;
      insert(Criterion, { ...criterion(roundId, null, `S${s + 1}`, position++, price ? '30' : '14'), id: sectionId, title: price ? 'Price' : `Quality ${s + 1}` });
      for (let q = 0; q < (price ? 1 : size.questions / 5); q++) {
        const id = randomUUID();
        insert(Criterion, {
          ...criterion(roundId, sectionId, price ? 'PRICE' : `Q${questions.length + 1}`, position++, price ? '100' : '10'), id,
          type: price ? 'price' : 'quality', text: 'Describe your approach.', threshold: !price && q === 0 ? 1 : null,
          scoredBy: price ? [] : [...PANEL_GROUPS], groupWeights: price ? {} : { professional: '50', youngPartner: '50' },
        });
        if (!price) questions.push(id);
      }
    }

    const members = Array.from({ length: size.panellists }, (_, i) => {
      const group: PanelGroup = i < size.panellists / 2 ? 'youngPartner' : 'professional';
      const code = group === 'youngPartner' ? `YP${i + 1}` : `P${i + 1 - size.panellists / 2}`;
      const userId = user(insert, `${code.toLowerCase()}@bench.test`, `Panellist ${code}`, ['panellist']);
      const id = randomUUID();
      insert(PanelMember, {
        id, roundId, userId, group, panelCode: code, seesPrice: false, addedAt: at(-60 * 24 * 29),
        conflictsDeclaredAt: at(60), scoresSubmittedAt: scoring ? null : at(60 * 24 * 7), withdrawnAt: null, withdrawalReason: null,
      });
      return { id, group };
    });

    for (let b = 0; b < size.bids; b++) {
      const bidId = randomUUID();
      insert(Bid, {
        id: bidId, roundId, supplierName: `Supplier ${String(b + 1).padStart(3, '0')} Ltd`, price: `${500_000 + Math.floor(random() * 2_500_000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
        lotKey: '', responses: {}, practice: false, receivedAt: at(-b), registeredById: lead, compliance: 'compliant', complianceReason: null, complianceDecidedAt: at(30),
      });
      const strength = random() * 4;
      for (const criterionId of questions) {
        for (const group of PANEL_GROUPS) {
          const base = Math.max(0, Math.min(4, Math.round(strength + random() * 2 - 1)));
          for (const member of members.filter((m) => m.group === group)) {
            const mark = Math.max(0, Math.min(4, base + Math.round(random() * 2 - 1)));
            insert(Score, {
              id: randomUUID(), roundId, bidId, criterionId, panelMemberId: member.id, mark,
              justification: `Mark ${mark}: ${JUSTIFICATIONS[marks % JUSTIFICATIONS.length]}`, updatedAt: at(60 * 24 * 6), submittedAt: scoring ? null : at(60 * 24 * 7),
            });
            marks++;
          }
          if (!scoring) insert(Consensus, {
            id: randomUUID(), roundId, bidId, criterionId, group, mark: base, reason: 'The group agreed after discussing the evidence in the answer',
            recordedById: lead, recordedAt: at(60 * 24 * 10),
          });
        }
      }
    }

    const moves = [['PUBLISH', 'draft', 'tendering'], ['TENDER_DEADLINE_PASSED', 'tendering', 'compliance'], ['COMPLETE_COMPLIANCE', 'compliance', 'scoring'], ['CLOSE_SCORING', 'scoring', 'moderation'], ['CLOSE_MODERATION', 'moderation', 'awardDecision']];
    let prevHash = GENESIS_HASH;
    moves.slice(0, scoring ? 3 : moves.length).forEach(([event, from, to], i) => {
      insert(RoundTransition, { id: randomUUID(), roundId, event, fromState: from, toState: to, actorId: lead, reason: null, occurredAt: at(i * 60 * 24) });
      const audit = { sequence: i + 1, chain: roundId, position: i + 1, roundId, actorId: lead, type: 'round.transition', payload: { event, from, to, reason: null }, occurredAt: at(i * 60 * 24) };
      const hash = hashEvent(prevHash, audit);
      insert(AuditEvent, { ...audit, prevHash, hash });
      prevHash = hash;
    });
  })();
  sqlite.close();
  await dataSource.destroy();
  return { roundId, marks };
}

const JUSTIFICATIONS = [
  'the answer shows how young people are involved in designing the service',
  'clear evidence of safeguarding training, but little on how concerns are escalated',
  'the mobilisation plan is realistic and names the staff who will deliver it',
  'partnerships with schools and youth clubs are described with examples',
];

type Insert = <T extends ObjectLiteral>(target: EntityTarget<T>, row: Partial<T>) => void;

/** A prepared INSERT per entity, from its metadata: the same columns and value transforms as TypeORM's. */
function inserter(sqlite: BetterSqlite.Database, dataSource: DataSource): Insert {
  const prepared = new Map<unknown, { columns: ReturnType<DataSource['getMetadata']>['columns']; statement: BetterSqlite.Statement }>();
  return (target, row) => {
    let entry = prepared.get(target);
    if (!entry) {
      const meta = dataSource.getMetadata(target);
      const names = meta.columns.map((c) => `"${c.databaseName}"`).join(', ');
      entry = { columns: meta.columns, statement: sqlite.prepare(`INSERT INTO "${meta.tableName}" (${names}) VALUES (${meta.columns.map(() => '?').join(', ')})`) };
      prepared.set(target, entry);
    }
    entry.statement.run(entry.columns.map((c) => {
      const value = c.isVersion ? 1 : c.getEntityValue(row, true);
      return value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
    }));
  };
}

function user(insert: Insert, email: string, displayName: string, roles: User['roles']): string {
  const id = randomUUID();
  insert(User, { id, email, displayName, roles, passwordHash: null, createdAt: new Date(Date.UTC(2026, 0, 1)) });
  return id;
}

function criterion(roundId: string, parentId: string | null, key: string, position: number, weight: string): Partial<Criterion> {
  return { roundId, parentId, key, position, title: key, weight, type: null, text: null, plainLanguage: null, guidance: null, threshold: null, scoredBy: [], groupWeights: {} };
}

/** A small deterministic generator (a linear congruential one), so every run benchmarks the same round. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
