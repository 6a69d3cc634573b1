/**
 * The requests of one run, planned before it starts: Poisson arrivals per stream from a seeded
 * generator (the same plan for both runs), each with a kind and a channel. Sent open-loop, on
 * time whatever the answers: a burst that slows the platform does not slow the crowd.
 */
import { KINDS, type Kind, type Phase } from './profile.js';

/** The channels the crowd calls from. */
export const CHANNELS = ['wechat', 'alipay', 'app', 'web', 'pos'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where each kind of request comes from (weights): in-store POS looks members up by phone; flash sales are app-heavy. */
const CHANNEL_WEIGHTS: Partial<Record<Kind, Partial<Record<Channel, number>>>> = {
  'member-by-phone': { pos: 50, wechat: 20, alipay: 15, app: 15 },
  'flash-buy': { app: 50, wechat: 35, alipay: 15 },
  'flash-view': { app: 50, wechat: 35, alipay: 15 },
  claim: { wechat: 45, app: 30, alipay: 25 },
};
const DEFAULT_CHANNELS: Record<Channel, number> = { wechat: 35, app: 30, alipay: 20, web: 10, pos: 5 };

/** A planned request, in columns (compact enough to send to the load generator in one message). */
export interface Plan {
  /** Milliseconds from the run's start. */
  at: number[];
  /** Index into KINDS. */
  kind: number[];
  /** Index into CHANNELS. */
  channel: number[];
}

/** mulberry32: a small seeded generator, so both runs get the same crowd. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T extends string>(weights: Partial<Record<T, number>>, random: () => number): T {
  const entries = Object.entries(weights) as Array<[T, number]>;
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [name, weight] of entries) {
    r -= weight;
    if (r < 0) return name;
  }
  return entries[entries.length - 1]![0];
}

/**
 * Plans every request of the phases, sorted by time.
 *
 * @example
 * const plan = planRequests(promotionProfile({ seconds: 10 }), 7);
 * plan.at.length // about 8 * 10 * (0.55 + ...) requests
 */
export function planRequests(phases: readonly Phase[], seed = 11): Plan {
  const random = seededRandom(seed);
  const rows: Array<[number, number, number]> = [];
  for (const phase of phases) {
    for (const stream of phase.streams) {
      let t = phase.start * 1000;
      for (;;) {
        t += (-Math.log(1 - random()) * 1000) / stream.rps;
        if (t >= phase.end * 1000) break;
        const kind = pick(stream.mix, random);
        const channel = pick(CHANNEL_WEIGHTS[kind] ?? DEFAULT_CHANNELS, random);
        rows.push([Math.round(t * 10) / 10, KINDS.indexOf(kind), CHANNELS.indexOf(channel)]);
      }
    }
  }
  rows.sort((a, b) => a[0] - b[0]);
  return { at: rows.map((r) => r[0]), kind: rows.map((r) => r[1]), channel: rows.map((r) => r[2]) };
}
