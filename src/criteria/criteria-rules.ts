import { weightProblems } from '../results/index.js';
import type { PanelGroup } from '../domain/panel-group.js';
import { GROUP_LABELS } from '../domain/panel-group.js';
import type { CriteriaDefinition, ScaleOutline, SectionDefinition } from './criteria-definition.js';

/** The tree as the results calculation sees it: weights as exact decimal strings. */
export function toWeightedSections(sections: SectionDefinition[]) {
  return sections.map((section) => ({
    id: section.key,
    key: section.key,
    title: section.title,
    weight: decimalString(section.weight),
    questions: section.questions.map((q) => ({
      id: q.key,
      key: q.key,
      title: q.title,
      type: q.type,
      weight: decimalString(q.weight),
      threshold: q.threshold ?? null,
      scoredBy: q.scoredBy,
      groupWeights: Object.fromEntries(Object.entries(q.groupWeights ?? {}).map(([g, w]) => [g, decimalString(w as number)])) as Partial<Record<PanelGroup, string>>,
    })),
  }));
}

/** JSON numbers with at most 2 decimal places, written exactly (validation has already limited the places). */
export function decimalString(value: number): string {
  return Number(value.toFixed(2)).toString();
}

/**
 * Business rules of a published method, each broken rule as a sentence that names where it is.
 * Empty when the method is sound. Used for 422 on create/replace and as the workflow's publish guard.
 */
export function criteriaProblems(definition: CriteriaDefinition, scale: ScaleOutline): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  const priceQuestions: string[] = [];
  for (const section of definition.criteria) {
    if (keys.has(section.key)) problems.push(`The key ${section.key} is used more than once`);
    keys.add(section.key);
    for (const q of section.questions) {
      const where = `Question ${q.key} (${q.title})`;
      if (keys.has(q.key)) problems.push(`The key ${q.key} is used more than once`);
      keys.add(q.key);
      if (q.type === 'quality') {
        if (q.scoredBy.includes('youngPartner') && !q.plainLanguage) problems.push(`${where} is scored by young partners but has no plain-language version`);
        const weighted = Object.keys(q.groupWeights ?? {}).sort();
        if (q.scoredBy.length > 0 && JSON.stringify(weighted) !== JSON.stringify([...q.scoredBy].sort())) {
          problems.push(`${where} needs a group weight for exactly the groups that score it (${q.scoredBy.map((g) => GROUP_LABELS[g]).join(' and ')})`);
        }
        if (q.threshold !== undefined && q.threshold > scale.max) problems.push(`${where} has a threshold of ${q.threshold}, above the top mark ${scale.max}`);
      } else {
        if (q.scoredBy.length > 0 || q.groupWeights) problems.push(`${where} is a ${q.type === 'price' ? 'price' : 'pass/fail'} question: it is not scored by the panel, so it takes no scoring groups or group weights`);
        if (q.threshold !== undefined) problems.push(`${where}: thresholds apply to quality questions only`);
      }
      if (q.type === 'price') priceQuestions.push(q.key);
    }
  }
  if (priceQuestions.length > 1) problems.push(`Only one price question is allowed; found ${priceQuestions.join(', ')}`);
  const marks = scale.descriptors.map((d) => d.mark);
  const expected = Array.from({ length: scale.max + 1 }, (_, mark) => mark);
  if (JSON.stringify(marks) !== JSON.stringify(expected)) {
    problems.push(`The scale needs one descriptor for each mark from 0 to ${scale.max}, in order; found marks ${marks.join(', ') || 'none'}`);
  }
  problems.push(...weightProblems(toWeightedSections(definition.criteria)));
  return problems;
}
