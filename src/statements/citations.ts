import { EntityManager, In } from 'typeorm';
import { StatementAccess } from '../round-core/round-viewer.js';
import type { CitedStatementDto } from './statement.dto.js';
import { QuestionStatement, Statement, Workshop } from './statement.entity.js';

/**
 * The statements each question of a round cites, by question key, in the order cited. The one query
 * behind the scoring page, the round's method, the coverage view and the workbook: `shareableOnly`
 * (everywhere but the lead's own view) keeps out what young people did not consent to share.
 */
export async function citationsByQuestion(manager: EntityManager, roundId: string, { shareableOnly }: { shareableOnly: boolean }): Promise<Map<string, CitedStatementDto[]>> {
  const links = await manager.find(QuestionStatement, { where: { roundId }, relations: { statement: true }, order: { questionKey: 'ASC', id: 'ASC' } });
  const workshopIds = [...new Set(links.map((l) => l.statement!.workshopId).filter((id): id is string => id !== null))];
  const workshops = new Map((workshopIds.length ? await manager.find(Workshop, { where: { id: In(workshopIds) } }) : []).map((w) => [w.id, w]));
  const byKey = new Map<string, CitedStatementDto[]>();
  for (const { questionKey, statement } of links) {
    if (!statement || (shareableOnly && !StatementAccess.shareable(statement))) continue;
    const list = byKey.get(questionKey) ?? [];
    list.push(cited(statement, statement.workshopId ? workshops.get(statement.workshopId) : undefined));
    byKey.set(questionKey, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.text.localeCompare(b.text));
  return byKey;
}

function cited(statement: Statement, workshop: Workshop | undefined): CitedStatementDto {
  return {
    id: statement.id,
    text: statement.text,
    groupCode: statement.groupCode,
    themes: statement.themes,
    consent: statement.consent,
    workshop: workshop ? `${workshop.title} (${workshop.heldOn})` : null,
  };
}
