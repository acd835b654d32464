import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { InvolvementAccess } from '../round-core/round-viewer.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError } from '../common/errors.js';
import { Database } from '../database/database.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { isUuid } from '../round-core/round-commands.js';
import { Round } from '../round-core/round.entity.js';
import { User } from '../users/user.entity.js';
import { InvolvementDto, PieceOfWorkDto, YoungPartnerDto } from './involvement.dto.js';
import { involvementPdf } from './involvement-pdf.js';
import { ROLE_SOURCES, type Activity } from './role-sources.js';
import { InvolvementErrorCode } from './involvement-error-codes.js';

const day = (d: Date) => d.toISOString().slice(0, 10);
const min = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
const max = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/** A young partner's record of involvement: what they did in each piece of work, for a CV or a reference. */
@Injectable()
export class InvolvementService {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  record(user: User, subjectUserId: string): Promise<InvolvementDto> {
    return this.db.read(async (manager) => {
      // Whoever may not see it learns nothing, not even whether the person exists.
      if (!isUuid(subjectUserId) || !InvolvementAccess.sees(user, subjectUserId)) throw new NotFoundError(InvolvementErrorCode.RecordNotFound, 'Record not found');
      const subject = await manager.findOneBy(User, { id: subjectUserId });
      if (!subject) throw new NotFoundError(InvolvementErrorCode.RecordNotFound, 'Record not found');
      const seats = await manager.find(PanelMember, { where: { userId: subject.id, group: 'youngPartner' } });
      const activities: Activity[] = [];
      // One after another: the sources share this unit of work's connection.
      for (const source of seats.length ? ROLE_SOURCES : []) activities.push(...(await source.load(manager, seats)));
      const rounds = activities.length ? await manager.find(Round, { where: { id: In([...new Set(activities.map((a) => a.roundId))]) }, select: { id: true, title: true, reference: true } }) : [];
      const work: PieceOfWorkDto[] = rounds.map((round) => {
        const mine = activities.filter((a) => a.roundId === round.id);
        const scoring = mine.find((a) => a.role === 'scoring');
        return {
          roundId: round.id, title: round.title, reference: round.reference,
          from: day(min(mine.map((a) => a.from))), to: day(max(mine.map((a) => a.to))),
          roles: ROLE_SOURCES.flatMap((source) => mine.filter((a) => a.role === source.role).map((a) => ({ role: a.role, label: source.label, from: day(a.from), to: day(a.to), what: source.describe(a) }))),
          applications: scoring?.applications ?? 0, questions: scoring?.questions ?? 0,
        };
      }).sort((a, b) => b.to.localeCompare(a.to) || a.title.localeCompare(b.title));
      const roles = new Set(activities.map((a) => a.role));
      return {
        userId: subject.id, name: subject.displayName, work,
        applications: work.reduce((n, w) => n + w.applications, 0), questions: work.reduce((n, w) => n + w.questions, 0),
        skills: ROLE_SOURCES.filter((s) => roles.has(s.role)).flatMap((s) => s.skills),
        generatedAt: this.clock.now().toISOString(),
      };
    });
  }

  async pdf(user: User, subjectUserId: string): Promise<{ file: Buffer; fileName: string }> {
    const record = await this.record(user, subjectUserId);
    const slug = record.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'young-partner';
    return { file: await involvementPdf(record), fileName: `record-of-involvement-${slug}.pdf` };
  }

  /** The young partners, to find a record (commissioners and auditors). */
  youngPartners(user: User): Promise<YoungPartnerDto[]> {
    return this.db.read(async (manager) => {
      if (!InvolvementAccess.lists(user)) throw new ForbiddenError(InvolvementErrorCode.ListNotAllowed, 'Only commissioners and auditors can list the young partners');
      const seats = await manager.find(PanelMember, { where: { group: 'youngPartner' }, relations: { user: true } });
      const byUser = new Map<string, YoungPartnerDto>();
      for (const seat of seats) {
        const entry = byUser.get(seat.userId) ?? { userId: seat.userId, name: seat.user!.displayName, seats: 0 };
        entry.seats++;
        byUser.set(seat.userId, entry);
      }
      return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
    });
  }
}
