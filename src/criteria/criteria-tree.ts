import { EntityManager } from 'typeorm';
import type { PanelGroup } from '../domain/panel-group.js';
import type { QuestionType, SectionDefinition } from './criteria-definition.js';
import { decimalString } from './criteria-rules.js';
import { Criterion } from './criterion.entity.js';

export interface QuestionNode {
  id: string;
  key: string;
  title: string;
  text: string;
  plainLanguage: string | null;
  guidance: string | null;
  type: QuestionType;
  weight: string;
  threshold: number | null;
  scoredBy: PanelGroup[];
  groupWeights: Partial<Record<PanelGroup, string>>;
}

export interface SectionNode {
  id: string;
  key: string;
  title: string;
  weight: string;
  questions: QuestionNode[];
}

/** The round's criteria as sections with their questions, in published order. */
export async function loadCriteriaTree(manager: EntityManager, roundId: string): Promise<SectionNode[]> {
  const rows = await manager.find(Criterion, { where: { roundId }, order: { position: 'ASC' } });
  const sections = rows.filter((row) => row.parentId === null);
  return sections.map((section) => ({
    id: section.id,
    key: section.key,
    title: section.title,
    weight: section.weight,
    questions: rows
      .filter((row) => row.parentId === section.id)
      .map((q) => ({
        id: q.id,
        key: q.key,
        title: q.title,
        text: q.text ?? '',
        plainLanguage: q.plainLanguage,
        guidance: q.guidance,
        type: q.type!,
        weight: q.weight,
        threshold: q.threshold,
        scoredBy: q.scoredBy,
        groupWeights: q.groupWeights,
      })),
  }));
}

export const questionsOf = (tree: SectionNode[]): QuestionNode[] => tree.flatMap((section) => section.questions);

/** Replaces the round's criteria with the given tree (draft only; the caller checks). */
export async function writeCriteriaTree(manager: EntityManager, roundId: string, sections: SectionDefinition[]): Promise<void> {
  await manager.delete(Criterion, { roundId });
  let position = 0;
  for (const section of sections) {
    const saved = await manager.save(Criterion, manager.create(Criterion, {
      roundId, parentId: null, key: section.key, position: position++, title: section.title, weight: decimalString(section.weight),
      type: null, text: null, plainLanguage: null, guidance: null, threshold: null, scoredBy: [], groupWeights: {},
    }));
    for (const q of section.questions) {
      await manager.save(Criterion, manager.create(Criterion, {
        roundId, parentId: saved.id, key: q.key, position: position++, title: q.title, weight: decimalString(q.weight), type: q.type,
        text: q.text, plainLanguage: q.plainLanguage ?? null, guidance: q.guidance ?? null, threshold: q.threshold ?? null,
        scoredBy: q.scoredBy,
        groupWeights: Object.fromEntries(Object.entries(q.groupWeights ?? {}).map(([g, w]) => [g, decimalString(w as number)])),
      }));
    }
  }
}
