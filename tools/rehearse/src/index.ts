export { rehearse, type RehearsalOptions } from './rehearse.js';
export { writeReport, reportDir } from './report/write.js';
export { summaryLines } from './summary.js';
export {
  promotionProfile,
  expectedCount,
  phaseAt,
  PHASES,
  KINDS,
  type Phase,
  type PhaseName,
  type Kind,
  type ProfileOptions,
} from './profile.js';
export { planRequests, CHANNELS, type Plan } from './plan.js';
export { startLoad, type LoadConfig, type LoadResult, type LoadRun, type Targets } from './load/index.js';
export { readPrometheus, type Sample } from './run/sampler.js';
export type { Invariant } from './run/invariants.js';
export type * from './report/types.js';
