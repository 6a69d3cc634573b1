/**
 * The promotion's shape: a warm-up, a quiet baseline, a coupon grab at a set second, a flash sale
 * on top of it at 20 to 30 times the baseline rate, then back down. Phases are fractions of the
 * run, so `--seconds` scales the whole day.
 */

/** The request kinds of the mix. */
export const KINDS = [
  'member-get',
  'member-by-phone',
  'store-near',
  'store-inventory',
  'store-get',
  'order',
  'payment',
  'campaign-view',
  'claim',
  'flash-view',
  'flash-buy',
] as const;
export type Kind = (typeof KINDS)[number];

/** Phases whose figures the report shows (the warm-up is left out: the platform has just started). */
export const PHASES = ['warm-up', 'baseline', 'coupon-grab', 'flash-sale', 'cool-down'] as const;
export type PhaseName = (typeof PHASES)[number];

/** Traffic of one kind of visitor: a rate and what they ask for (weights). */
export interface Stream {
  rps: number;
  mix: Partial<Record<Kind, number>>;
}

export interface Phase {
  name: PhaseName;
  /** Seconds from the run's start. */
  start: number;
  end: number;
  streams: Stream[];
}

export interface ProfileOptions {
  /** Length of one run. Default 60. */
  seconds?: number;
  /** Requests per second of the quiet hours. Default 4 (a flash sale of 100 req/s: what 2 cores carry of this mix). */
  baselineRps?: number;
  /** The coupon grab's total rate, in baselines. Default 5. */
  grabFactor?: number;
  /** The flash sale's total rate, in baselines (the brief: 20 to 30). Default 25. */
  peakFactor?: number;
}

/** Everyday traffic: browsing members and stores, some orders (paid by follow-up requests). */
export const EVERYDAY: Stream['mix'] = {
  'member-get': 20,
  'member-by-phone': 10,
  'store-near': 20,
  'store-inventory': 20,
  'store-get': 10,
  order: 10,
  'campaign-view': 5,
  'flash-view': 5,
};
/** The coupon grab's crowd: claims, and checking what is left. */
export const GRAB: Stream['mix'] = { claim: 80, 'campaign-view': 20 };
/** The flash sale's crowd: buying, and refreshing the sale. */
export const FLASH: Stream['mix'] = { 'flash-buy': 60, 'flash-view': 40 };

const BOUNDS: Record<PhaseName, [number, number]> = {
  'warm-up': [0, 0.1],
  baseline: [0.1, 0.3],
  'coupon-grab': [0.3, 0.45],
  'flash-sale': [0.45, 0.7],
  'cool-down': [0.7, 1],
};

/**
 * The phases of one run.
 *
 * @example
 * promotionProfile({ seconds: 60, baselineRps: 8 }).find((p) => p.name === 'flash-sale')
 * // { name: 'flash-sale', start: 27, end: 42, streams: [8 rps everyday, 32 rps grab, 160 rps flash] }
 */
export function promotionProfile(options: ProfileOptions = {}): Phase[] {
  const seconds = options.seconds ?? 60;
  const base = options.baselineRps ?? 4;
  const grab = Math.max(1, options.grabFactor ?? 5);
  const peak = Math.max(grab, options.peakFactor ?? 25);
  const everyday: Stream = { rps: base, mix: EVERYDAY };
  const streams: Record<PhaseName, Stream[]> = {
    'warm-up': [everyday],
    baseline: [everyday],
    'coupon-grab': [everyday, { rps: base * (grab - 1), mix: GRAB }],
    'flash-sale': [everyday, { rps: base * (grab - 1), mix: GRAB }, { rps: base * (peak - grab), mix: FLASH }],
    'cool-down': [everyday],
  };
  return PHASES.map((name) => ({
    name,
    start: Math.round(BOUNDS[name][0] * seconds * 1000) / 1000,
    end: Math.round(BOUNDS[name][1] * seconds * 1000) / 1000,
    streams: streams[name].filter((s) => s.rps > 0),
  }));
}

/** The phase a second of the run is in. */
export function phaseAt(phases: readonly Phase[], second: number): PhaseName {
  return (phases.find((p) => second >= p.start && second < p.end) ?? phases[phases.length - 1]!).name;
}

/** How many requests of a kind the profile expects (what the seed sizes the campaign, sale and members by). */
export function expectedCount(phases: readonly Phase[], kind: Kind): number {
  let total = 0;
  for (const phase of phases) {
    for (const stream of phase.streams) {
      const weights = Object.values(stream.mix).reduce((a, b) => a + (b ?? 0), 0);
      total += (stream.rps * (phase.end - phase.start) * (stream.mix[kind] ?? 0)) / weights;
    }
  }
  return total;
}
