import {
  PA23_STANDSTILL,
  PSR_STANDSTILL,
  awardNotice,
  awardNoticeWithOptionalStandstill,
  evaluation,
  psrRepresentations,
  publishing,
  shortlisting,
  standstillWithChallenges,
  withCancellation,
  type RouteSpec,
} from './blocks.js';
import type { RouteId } from './facts.js';

// One entry per procurement route; each is the shared lifecycle plus what makes the route different.
export const ROUTE_SPECS: Record<RouteId, RouteSpec> = {
  'pa23-open': {
    id: 'pa23-open',
    version: 1,
    mandatoryStandstillDays: 8,
    standstill: PA23_STANDSTILL,
    transitions: withCancellation([...publishing('tendering'), ...evaluation, ...awardNotice, ...standstillWithChallenges]),
  },
  'pa23-competitive-flexible': {
    id: 'pa23-competitive-flexible',
    version: 1,
    mandatoryStandstillDays: 8,
    standstill: PA23_STANDSTILL,
    transitions: withCancellation([
      ...publishing('participation'),
      ...shortlisting,
      ...evaluation,
      ...awardNotice,
      ...standstillWithChallenges,
    ]),
  },
  'psr-competitive': {
    id: 'psr-competitive',
    version: 1,
    mandatoryStandstillDays: 8,
    standstill: PSR_STANDSTILL,
    transitions: withCancellation([
      ...publishing('tendering'),
      ...evaluation,
      ...awardNotice,
      ...standstillWithChallenges,
      ...psrRepresentations,
    ]),
  },
  'light-touch': {
    id: 'light-touch',
    version: 1,
    mandatoryStandstillDays: null, // the round may choose a voluntary standstill, counted as under PA23
    standstill: PA23_STANDSTILL,
    transitions: withCancellation([
      ...publishing('tendering'),
      ...evaluation,
      ...awardNoticeWithOptionalStandstill,
      ...standstillWithChallenges,
    ]),
  },
};
