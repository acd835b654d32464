/**
 * Words organisations use in their answers, said plainly for young partners. The scoring page shows
 * only the words that appear in the answers on it, each one tapped open to see what it means.
 */
export interface GlossaryEntry {
  word: string;
  meaning: string;
  /** How the word appears in an answer (whole words, any case). */
  pattern: RegExp;
}

export const GLOSSARY: GlossaryEntry[] = [
  { word: 'KPI', pattern: /\bKPIs?\b|key performance indicators?/i, meaning: 'A "key performance indicator": a number that shows whether a service is doing what it promised, such as how many young people stay in touch for six months.' },
  { word: 'Outcomes', pattern: /\boutcomes?\b/i, meaning: 'What actually changes for a young person because of the support, like feeling safer or getting back into school.' },
  { word: 'Referral', pattern: /\breferr(al|als|ed|ing)\b/i, meaning: 'When someone (a school, a youth worker, a doctor) asks the service to support a young person.' },
  { word: 'Safeguarding', pattern: /\bsafeguarding\b/i, meaning: 'Keeping young people safe from harm, and what staff do if they are worried about someone.' },
  { word: 'Social value', pattern: /\bsocial value\b/i, meaning: 'Good things for the local area beyond the service itself, such as local jobs or training.' },
  { word: 'Trauma-informed', pattern: /\btrauma[- ]informed\b/i, meaning: 'Working in a way that understands that bad experiences affect how people feel and act, and avoids making things worse.' },
  { word: 'Multi-agency', pattern: /\bmulti[- ]agency\b/i, meaning: 'Different services (police, schools, health, social care) working together on the same young person\'s support.' },
  { word: 'Caseload', pattern: /\bcaseloads?\b/i, meaning: 'How many young people one worker supports at the same time.' },
  { word: 'Evidence-based', pattern: /\bevidence[- ]based\b/i, meaning: 'Done in a way that research or past results have shown to work.' },
  { word: 'Stakeholders', pattern: /\bstakeholders?\b/i, meaning: 'Everyone with an interest in the service: young people, families, schools, the council and others.' },
  { word: 'Mobilisation', pattern: /\bmobilis(ation|e|ing)\b/i, meaning: 'Getting a new service ready to start: hiring staff, finding a place, setting things up.' },
  { word: 'Youth justice', pattern: /\byouth justice\b/i, meaning: 'The services that work with young people aged 10 to 17 who have been in trouble with the police or the courts.' },
  { word: 'Supervision', pattern: /\bsupervision\b/i, meaning: 'Regular meetings where a worker talks through their work with a more experienced colleague, to get support and check they are doing it well.' },
  { word: 'Volunteers', pattern: /\bvolunteers?\b/i, meaning: 'People who give their time without being paid.' },
];

/** The glossary words that appear in these answers, in the glossary's order. */
export function wordsIn(texts: string[]): { word: string; meaning: string }[] {
  const all = texts.join('\n');
  return GLOSSARY.filter((entry) => entry.pattern.test(all)).map(({ word, meaning }) => ({ word, meaning }));
}
