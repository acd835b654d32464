/** The sheets, in the order of their tabs. About is written last (it holds the hash) but shown first. */
export const SHEET = {
  about: 'About',
  method: 'Method',
  clarifications: 'Clarifications',
  panel: 'Panel',
  conflicts: 'Conflicts',
  bids: 'Bids',
  scores: 'Scores',
  moderation: 'Moderation',
  calculation: 'Calculation',
  results: 'Results',
  sensitivity: 'Sensitivity',
  calibration: 'Calibration',
  summaries: 'Summaries',
  history: 'State changes', // Excel reserves the name History
  audit: 'Audit',
} as const;

export const TAB_ORDER: readonly string[] = Object.values(SHEET);
