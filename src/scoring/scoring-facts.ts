import type { EntityManager } from 'typeorm';
import type { Round } from '../round-core/round.entity.js';
import { moderationCells } from './moderation-cells.js';

/**
 * What scoring tells the workflow (read by workflow-facts/). Every bid x question x scoring group needs
 * an agreed mark before moderation can close, and one flagged for review (a declared interest since it
 * was agreed) needs the lead to confirm it again.
 */
export async function consensusOutstanding(manager: EntityManager, round: Round): Promise<number> {
  const cells = await moderationCells(manager, round, { withMarks: false });
  return cells.filter((cell) => !cell.consensus || cell.consensus.reviewNeeded).length;
}
