import type { EntityManager } from 'typeorm';
import { IsNull, Not } from 'typeorm';
import { Clarification, clarificationRef } from './clarification.entity.js';
import type { ClarificationNoteDto } from './clarification.dto.js';

/** The tender as a whole, in the map below. */
export const WHOLE_TENDER = '';

/**
 * The clarifications every bidder was told, as they stand (a superseded answer gives way to its
 * correction), by the question key they concern (WHOLE_TENDER for the tender as a whole). What the panel
 * reads beside the questions; never who asked.
 */
export async function publishedClarificationsByQuestion(manager: EntityManager, roundId: string): Promise<Map<string, ClarificationNoteDto[]>> {
  const rows = await manager.find(Clarification, { where: { roundId, publishedAt: Not(IsNull()), supersededById: IsNull() }, order: { number: 'ASC' } });
  const numbers = new Map((await manager.find(Clarification, { where: { roundId }, select: { id: true, number: true } })).map((c) => [c.id, c.number]));
  const byKey = new Map<string, ClarificationNoteDto[]>();
  for (const c of rows) {
    const key = c.questionKey ?? WHOLE_TENDER;
    const supersedes = c.supersedesId ? numbers.get(c.supersedesId) : undefined;
    byKey.set(key, [...(byKey.get(key) ?? []), {
      reference: clarificationRef(c.number), question: c.question, answer: c.answer ?? '', publishedAt: c.publishedAt!.toISOString(),
      changesTenderDocuments: c.changesTenderDocuments, supersedes: supersedes ? clarificationRef(supersedes) : null,
    }]);
  }
  return byKey;
}
