import type { WeightedQuestion, WeightedSection } from './weights.js';
import { effectiveWeight, weightProblems } from './weights.js';
import { Exact } from './exact.js';

const quality = (key: string, weight: string, groupWeights: WeightedQuestion['groupWeights'] = { professional: '100' }): WeightedQuestion =>
  ({ key, title: `Question ${key}`, type: 'quality', weight, scoredBy: Object.keys(groupWeights) as WeightedQuestion['scoredBy'], groupWeights });
type EditableSection = Omit<WeightedSection, 'questions'> & { questions: WeightedQuestion[] };
const sound = (): EditableSection[] => [
  { key: 'S1', title: 'Quality', weight: '60', questions: [
    quality('Q1', '33.3', { professional: '50', youngPartner: '50' }), quality('Q2', '33.3', { youngPartner: '100' }), quality('Q3', '33.4'),
    { key: 'Q4', title: 'Insurance', type: 'passFail', weight: '0', scoredBy: [], groupWeights: {} },
  ] },
  { key: 'S2', title: 'Social value', weight: '10', questions: [quality('Q5', '100')] },
  { key: 'S3', title: 'Price', weight: '30', questions: [{ key: 'Q6', title: 'Price', type: 'price', weight: '100', scoredBy: [], groupWeights: {} }] },
];

describe('weightProblems', () => {
  it('finds nothing wrong with a sound method (33.3 + 33.3 + 33.4 is exactly 100)', () => {
    expect(weightProblems(sound())).toEqual([]);
  });

  it('names the section level', () => {
    const sections = sound();
    sections[1].weight = '5';
    expect(weightProblems(sections)).toEqual(['The section weights sum to 95, not 100']);
  });

  it('names the section whose question weights are off', () => {
    const sections = sound();
    sections[0].questions[2] = quality('Q3', '23.4');
    expect(weightProblems(sections)).toEqual(['The question weights in section S1 Quality sum to 90, not 100']);
  });

  it('names a question whose group weights do not sum to 100 over the groups that score it', () => {
    const sections = sound();
    sections[0].questions[0] = quality('Q1', '33.3', { professional: '50', youngPartner: '40' });
    sections[1].questions[0] = { ...quality('Q5', '100'), groupWeights: { professional: '100', youngPartner: '20' }, scoredBy: ['youngPartner'] };
    expect(weightProblems(sections)).toEqual([
      'The group weights of question Q1 Question Q1 sum to 90 over its scoring groups (professional and young partner), not 100',
      'The group weights of question Q5 Question Q5 sum to 20 over its scoring groups (young partner), not 100',
    ]);
  });

  it('counts a missing group weight as 0', () => {
    const sections = sound();
    sections[0].questions[1] = { ...quality('Q2', '33.3'), scoredBy: ['youngPartner'], groupWeights: {} };
    expect(weightProblems(sections)).toEqual(['The group weights of question Q2 Question Q2 sum to 0 over its scoring groups (young partner), not 100']);
  });

  it('names a quality question nobody scores and a pass/fail question with a weight', () => {
    const sections = sound();
    sections[0].questions[2] = { ...quality('Q3', '33.4'), scoredBy: [], groupWeights: {} };
    sections[0].questions[3] = { ...sections[0].questions[3], weight: '5' };
    expect(weightProblems(sections)).toEqual([
      'The question weights in section S1 Quality sum to 105, not 100',
      'Question Q3 Question Q3 is a quality question scored by no panel group',
      'Question Q4 Insurance is a pass/fail question with a weight of 5; pass/fail questions carry no weight',
    ]);
  });

  it('names a weight that is not a number or is negative instead of summing it', () => {
    const sections = sound();
    sections[0].weight = 'sixty';
    sections[1].questions[0] = quality('Q5', '-100');
    expect(weightProblems(sections)).toEqual([
      'The weight of section S1 Quality is not a number: "sixty"',
      'The weight of question Q5 Question Q5 is negative (-100)',
    ]);
  });
});

describe('effectiveWeight', () => {
  it('is section weight x question weight / 100, exactly', () => {
    expect(effectiveWeight(new Exact('70'), new Exact('33.3')).toString()).toBe('23.31');
    expect(effectiveWeight(new Exact('12.5'), new Exact('33.33')).toString()).toBe('4.16625');
  });
});
