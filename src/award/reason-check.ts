// Reg 31 guidance: the reason for a score must refer to the tender's own content; repeating the
// criterion or the scale descriptor is not enough. This pure check flags reasons that look weak, so the
// lead can improve them (or record why one stands) before assessment summaries go to the bidders.

/** Fewer words than this is too short to say what in the bid earned the mark. */
export const MIN_REASON_WORDS = 12;
/** A reason whose content words come this much (or more) from the descriptors and question is a repeat. */
export const MAX_BORROWED_SHARE = 0.6;

export type ReasonProblem = 'tooShort' | 'repeatsDescriptorOrQuestion' | 'noReferenceToBid';

export interface ReasonCheckInput {
  reason: string;
  /** The scale descriptors of the round (formal and plain-language), which a reason must not merely repeat. */
  descriptors: readonly string[];
  /** The question's title, text and guidance. */
  question: readonly string[];
  /** The bid's answer to the question. */
  response: string;
}

export interface ReasonCheck {
  ok: boolean;
  words: number;
  /** Share of the reason's content words found in the descriptors or the question (0 to 1, 2 places). */
  borrowedShare: number;
  /** Content words the reason shares with the bid's answer, other than those of the question and scale. */
  sharedWithBid: string[];
  problems: { code: ReasonProblem; message: string }[];
}

// Words that carry no content of their own, and the vocabulary of any evaluation: sharing "young" or
// "people" with the answer of a young people's service does not show the reason read the bid.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also an and any are as at be because been before being below between both but by can ' +
    'could did do does doing down during each few for from further had has have having he her here hers him his how i if in into ' +
    'is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so ' +
    'some such than that the their theirs them then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours shall may might must per via every many much ' +
    'answer answers bid bids bidder response responses tender tenders question questions criterion criteria mark marks score ' +
    'scored scores scoring agreed agree panel group reason reasons evidence shows show shown provides provide provided gives give ' +
    'given describes describe described well good poor'
  ).split(' '),
);

/** Lower-case content words, with a plural or possessive s dropped so "mentors" matches "mentor". */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [])
    .map((word) => word.replace(/'s$/, '').replace(/(?<=[a-z]{3})s$/, ''))
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

function wordCount(text: string): number {
  return (text.match(/[A-Za-z0-9£%'-]+/g) ?? []).length;
}

export function checkReason(input: ReasonCheckInput): ReasonCheck {
  const words = wordCount(input.reason);
  const mine = contentWords(input.reason);
  const borrowedFrom = new Set(contentWords([...input.descriptors, ...input.question].join(' ')));
  const bidWords = new Set(contentWords(input.response));
  const borrowed = mine.filter((w) => borrowedFrom.has(w)).length;
  const borrowedShare = mine.length === 0 ? 1 : Math.round((borrowed / mine.length) * 100) / 100;
  // Words of the bid that the question or scale also use ("young person", "mentor") prove nothing.
  const sharedWithBid = [...new Set(mine.filter((w) => bidWords.has(w) && !borrowedFrom.has(w)))];

  const problems: ReasonCheck['problems'] = [];
  if (words < MIN_REASON_WORDS) {
    problems.push({ code: 'tooShort', message: `${words} ${words === 1 ? 'word' : 'words'}: say in at least ${MIN_REASON_WORDS} what in the bid earned the mark` });
  }
  if (borrowedShare >= MAX_BORROWED_SHARE) {
    problems.push({ code: 'repeatsDescriptorOrQuestion', message: `${Math.round(borrowedShare * 100)}% of its words repeat the scale descriptor or the question` });
  }
  if (sharedWithBid.length === 0) {
    problems.push({ code: 'noReferenceToBid', message: "It uses no words of the bid's answer beyond the question's own: refer to what the bid says" });
  }
  return { ok: problems.length === 0, words, borrowedShare, sharedWithBid, problems };
}
