import type { PanelGroup } from '../domain/panel-group.js';

/**
 * A round's method as the criteria rules and the tree read it: plain domain types. The HTTP DTOs
 * (rounds/round-definition.dto.ts) implement these, so a request maps into them at the edge and the
 * rules never depend on the HTTP layer. Weights are numbers with at most 2 decimal places.
 */
export type QuestionType = 'quality' | 'price' | 'passFail';

export interface QuestionDefinition {
  key: string;
  title: string;
  text: string;
  plainLanguage?: string;
  guidance?: string;
  type: QuestionType;
  weight: number;
  threshold?: number;
  scoredBy: PanelGroup[];
  groupWeights?: Partial<Record<PanelGroup, number>>;
}

export interface SectionDefinition {
  key: string;
  title: string;
  weight: number;
  questions: QuestionDefinition[];
}

export interface CriteriaDefinition {
  criteria: SectionDefinition[];
}

/** What the rules need of the marking scale: its top mark and one descriptor per mark. */
export interface ScaleOutline {
  max: number;
  descriptors: { mark: number }[];
}
