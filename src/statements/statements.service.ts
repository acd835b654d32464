import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { EntityManager, IsNull } from 'typeorm';
import { StatementAccess } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { questionsOf, loadCriteriaTree } from '../criteria/criteria-tree.js';
import { Database } from '../database/database.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { User } from '../users/user.entity.js';
import { citationsByQuestion } from './citations.js';
import {
  AddStatementDto, CitationsDto, ConsentDto, CoverageDto, GROUP_CODE, ImportCsvDto, ImportListDto, ImportResultDto, QuestionCitationsDto, StatementSearchDto, StatementViewDto, WorkshopDto, WorkshopViewDto,
} from './statement.dto.js';
import { QuestionStatement, Statement, Workshop } from './statement.entity.js';

/** The group code of a young partner's own addition when they give none. */
const YOUNG_PARTNERS = 'YOUNG-PARTNERS';

export type NewStatement = Pick<Statement, 'text' | 'themes' | 'groupCode' | 'consent'>;

@Injectable()
export class StatementsService {
  constructor(private readonly db: Database, private readonly audit: AuditService, private readonly clock: Clock, private readonly commands: RoundCommands) {}

  /** Commissioners search the whole library; a young partner sees accepted, shareable statements and their own. */
  list(user: User, search: StatementSearchDto): Promise<StatementViewDto[]> {
    return this.db.read(async (manager) => {
      const manages = await this.role(manager, user);
      const all = await manager.find(Statement, { where: search.status ? { status: search.status } : {}, relations: { workshop: true }, order: { addedAt: 'DESC', id: 'ASC' } });
      const theme = search.theme?.toLowerCase();
      return all
        .filter((s) => manages === 'commissioner' || s.addedById === user.id || StatementAccess.shareable(s))
        .filter((s) => !theme || s.themes.includes(theme))
        .map((s) => view(s, user));
    });
  }

  /** A commissioner's statement is in the library at once; a young partner's waits for a commissioner. */
  add(user: User, dto: AddStatementDto): Promise<StatementViewDto> {
    return this.db.write(async (manager) => {
      const role = await this.role(manager, user);
      const now = this.clock.now();
      let workshop: Workshop | null = null;
      if (dto.workshopId) {
        if (role !== 'commissioner') throw new ForbiddenError('Only commissioners can file a statement under a workshop');
        workshop = await manager.findOneBy(Workshop, { id: dto.workshopId });
        if (!workshop) throw new NotFoundError('Workshop not found', { field: 'workshopId' });
      }
      const youngPartner = role === 'youngPartner';
      const statement = await manager.save(Statement, manager.create(Statement, {
        text: dto.text, themes: dto.themes ?? [], groupCode: dto.groupCode ?? (youngPartner ? YOUNG_PARTNERS : requiredGroup()), consent: dto.consent,
        workshopId: workshop?.id ?? null, status: youngPartner ? 'proposed' : 'accepted', addedById: user.id, addedByYoungPartner: youngPartner, addedAt: now,
        acceptedById: youngPartner ? null : user.id, acceptedAt: youngPartner ? null : now,
      }));
      statement.workshop = workshop;
      await this.audit.record(manager, { type: youngPartner ? 'statement.proposed' : 'statement.added', actorId: user.id, payload: auditedStatement(statement) });
      return view(statement, user);
    });
  }

  accept(user: User, statementId: string): Promise<StatementViewDto> {
    return this.db.write(async (manager) => {
      if ((await this.role(manager, user)) !== 'commissioner') throw new ForbiddenError('Only commissioners can accept a statement');
      const statement = await manager.findOne(Statement, { where: { id: statementId }, relations: { workshop: true } });
      if (!statement) throw new NotFoundError('Statement not found');
      if (statement.status === 'accepted') throw new ConflictError('This statement is already in the library');
      const now = this.clock.now();
      await manager.update(Statement, { id: statement.id }, { status: 'accepted', acceptedById: user.id, acceptedAt: now });
      Object.assign(statement, { status: 'accepted', acceptedById: user.id, acceptedAt: now });
      await this.audit.record(manager, { type: 'statement.accepted', actorId: user.id, payload: { statementId: statement.id } });
      return view(statement, user);
    });
  }

  /** Consent given or withdrawn later: from then on every page and export follows it (they read it live). */
  setConsent(user: User, statementId: string, dto: ConsentDto): Promise<StatementViewDto> {
    return this.db.write(async (manager) => {
      if ((await this.role(manager, user)) !== 'commissioner') throw new ForbiddenError('Only commissioners can record consent');
      const statement = await manager.findOne(Statement, { where: { id: statementId }, relations: { workshop: true } });
      if (!statement) throw new NotFoundError('Statement not found');
      await manager.update(Statement, { id: statement.id }, { consent: dto.consent });
      await this.audit.record(manager, { type: 'statement.consent_changed', actorId: user.id, payload: { statementId: statement.id, from: statement.consent, to: dto.consent, reason: dto.reason } });
      statement.consent = dto.consent;
      return view(statement, user);
    });
  }

  importList(user: User, dto: ImportListDto): Promise<ImportResultDto> {
    const lines = dto.list.split(/\r?\n/).map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim()).filter(Boolean);
    const rows = lines.map((text, i) => checkedRow({ text, themes: dto.themes ?? [], groupCode: dto.groupCode, consent: dto.consent }, `Line ${i + 1}`, 'list'));
    return this.importWorkshop(user, dto.workshop, rows, 'list');
  }

  /**
   * A CSV with a header row: `statement` (required), `themes` (separated by ; or ,), `group` (a code;
   * else the form's groupCode) and `consent` (yes/no; a row without "yes" is recorded without consent).
   */
  importCsv(user: User, dto: ImportCsvDto): Promise<ImportResultDto> {
    let records: Record<string, string>[];
    try {
      records = parse(dto.csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
    } catch (error) {
      throw new BusinessRuleError(`The file is not a CSV we can read: ${(error as Error).message}`, { field: 'csv' });
    }
    if (!records.length || !('statement' in records[0])) throw new BusinessRuleError('The CSV needs a header row with a "statement" column', { field: 'csv' });
    const rows = records.map((r, i) => checkedRow({
      text: r.statement ?? '',
      themes: [...new Set((r.themes ?? '').split(/[;,]/).map((t) => t.trim().toLowerCase()).filter(Boolean))],
      groupCode: r.group || dto.groupCode || '',
      consent: /^(yes|y|true|1)$/i.test(r.consent ?? ''),
    }, `Row ${i + 2}`, 'csv'));
    return this.importWorkshop(user, dto.workshop, rows, 'csv');
  }

  /** Sets the statements one question of a draft round answers (the lead). */
  setCitations(user: User, roundId: string, questionKey: string, dto: CitationsDto): Promise<QuestionCitationsDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('choose the statements a question answers'), async ({ manager, round }) => {
      if (round.state !== 'draft') throw new ConflictError('Questions cite statements while the round is a draft', { state: round.state });
      const question = questionsOf(await loadCriteriaTree(manager, round.id)).find((q) => q.key === questionKey);
      if (!question) throw new NotFoundError('Question not found');
      const ids = [...new Set(dto.statementIds)];
      for (const id of ids) {
        const statement = await manager.findOneBy(Statement, { id });
        if (!statement) throw new NotFoundError('Statement not found', { field: 'statementIds', id });
        if (statement.status !== 'accepted') throw new BusinessRuleError('A statement still waiting to be accepted cannot be cited', { field: 'statementIds', id });
      }
      await manager.delete(QuestionStatement, { roundId: round.id, questionKey });
      for (const statementId of ids) await manager.save(QuestionStatement, manager.create(QuestionStatement, { roundId: round.id, questionKey, statementId }));
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'round.question_statements_set', actorId: user.id, roundId: round.id, payload: { questionKey, statementIds: ids } });
      const cited = await citationsByQuestion(manager, round.id, { shareableOnly: false });
      return { key: question.key, title: question.title, statements: cited.get(question.key) ?? [] };
    });
  }

  /** Per question its statements, and the accepted statements no question of the round answers yet. */
  coverage(user: User, roundId: string): Promise<CoverageDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('which statements the questions answer'), async ({ manager, round, viewer }) => {
      const shareableOnly = !viewer.seesUnconsentedStatements;
      const cited = await citationsByQuestion(manager, round.id, { shareableOnly });
      const questions = questionsOf(await loadCriteriaTree(manager, round.id)).map((q) => ({ key: q.key, title: q.title, statements: cited.get(q.key) ?? [] }));
      const citedIds = new Set(questions.flatMap((q) => q.statements.map((s) => s.id)));
      const accepted = await manager.find(Statement, { where: { status: 'accepted' }, relations: { workshop: true }, order: { addedAt: 'ASC', id: 'ASC' } });
      const uncited = accepted.filter((s) => !citedIds.has(s.id) && (!shareableOnly || StatementAccess.shareable(s))).map((s) => view(s, user));
      return { questions, uncited };
    });
  }

  /** Records a workshop and its statements (accepted), as one audited change. The demo seed uses it too. */
  importWorkshop(user: User, details: WorkshopDto, rows: NewStatement[], source: 'list' | 'csv' | 'demo'): Promise<ImportResultDto> {
    if (!rows.length) throw new BusinessRuleError('There are no statements to import', { field: source });
    return this.db.write(async (manager) => {
      if ((await this.role(manager, user)) !== 'commissioner') throw new ForbiddenError("Only commissioners can import a workshop's statements");
      const now = this.clock.now();
      const workshop = await manager.save(Workshop, manager.create(Workshop, { ...details, recordedById: user.id, recordedAt: now }));
      const statements: Statement[] = [];
      for (const row of rows) {
        statements.push(await manager.save(Statement, manager.create(Statement, {
          ...row, workshopId: workshop.id, status: 'accepted', addedById: user.id, addedByYoungPartner: false, addedAt: now, acceptedById: user.id, acceptedAt: now,
        })));
      }
      for (const s of statements) s.workshop = workshop;
      await this.audit.record(manager, { type: 'statement.workshop_imported', actorId: user.id, payload: { source, workshop: workshopView(workshop), statements: statements.map(auditedStatement) } });
      return { workshop: workshopView(workshop), statements: statements.map((s) => view(s, user)) };
    });
  }

  /** The caller's part in the library (StatementAccess), or 403. */
  private async role(manager: EntityManager, user: User): Promise<'commissioner' | 'youngPartner'> {
    if (StatementAccess.manages(user)) return 'commissioner';
    const sitsAsYoungPartner = await manager.existsBy(PanelMember, { userId: user.id, group: 'youngPartner', withdrawnAt: IsNull() });
    if (StatementAccess.mayPropose(user, sitsAsYoungPartner)) return 'youngPartner';
    throw new ForbiddenError('Only commissioners and young partners can use the statements library');
  }
}

function requiredGroup(): never {
  throw new BusinessRuleError('Say which group said it (a code such as YP-NORTH, never a name)', { field: 'groupCode' });
}

/** One imported line or row, checked as the single-statement form checks it; errors name the line. */
function checkedRow(row: NewStatement, where: string, field: string): NewStatement {
  if (row.text.length < 5 || row.text.length > 1000) throw new BusinessRuleError(`${where}: a statement must be 5 to 1000 characters`, { field });
  if (!GROUP_CODE.test(row.groupCode)) throw new BusinessRuleError(`${where}: the group must be a code of capital letters, digits and hyphens (e.g. YP-NORTH), never a name`, { field });
  if (row.themes.some((t) => t.length > 40) || row.themes.length > 10) throw new BusinessRuleError(`${where}: up to 10 themes of up to 40 characters`, { field });
  return row;
}

const workshopView = (w: Workshop): WorkshopViewDto => ({ id: w.id, title: w.title, heldOn: w.heldOn, ranBy: w.ranBy, participants: w.participants });

function view(s: Statement, user: User): StatementViewDto {
  return {
    id: s.id, text: s.text, themes: s.themes, groupCode: s.groupCode, consent: s.consent, status: s.status,
    addedByYoungPartner: s.addedByYoungPartner, yours: s.addedById === user.id, addedAt: s.addedAt.toISOString(), workshop: s.workshop ? workshopView(s.workshop) : null,
  };
}

const auditedStatement = (s: Statement) => ({ statementId: s.id, text: s.text, themes: s.themes, groupCode: s.groupCode, consent: s.consent, workshopId: s.workshopId, status: s.status });
