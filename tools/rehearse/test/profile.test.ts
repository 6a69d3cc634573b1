import { describe, expect, it } from 'vitest';
import { CHANNELS, expectedCount, KINDS, planRequests, promotionProfile } from '../src/index.js';

const total = (phase: { streams: Array<{ rps: number }> }) => phase.streams.reduce((sum, s) => sum + s.rps, 0);

describe('the promotion profile', () => {
  it('is quiet, then a coupon grab, then a flash sale at 25 times the baseline on top of it, then back down', () => {
    const phases = promotionProfile({ seconds: 100, baselineRps: 8 });
    expect(phases.map((p) => [p.name, p.start, p.end, total(p)])).toEqual([
      ['warm-up', 0, 10, 8],
      ['baseline', 10, 30, 8],
      ['coupon-grab', 30, 45, 40],
      ['flash-sale', 45, 70, 200],
      ['cool-down', 70, 100, 8],
    ]);
  });

  it('scales with --seconds and keeps the peak between 20 and 30 baselines as asked', () => {
    const short = promotionProfile({ seconds: 10, baselineRps: 4, peakFactor: 30 });
    expect(short.find((p) => p.name === 'flash-sale')).toMatchObject({ start: 4.5, end: 7 });
    expect(total(short.find((p) => p.name === 'flash-sale')!)).toBe(120);
  });
});

describe('the plan of requests', () => {
  const phases = promotionProfile({ seconds: 60, baselineRps: 8 });

  it('is the same crowd for the same seed, so both runs face the same traffic', () => {
    expect(planRequests(phases, 3)).toEqual(planRequests(phases, 3));
    expect(planRequests(phases, 3).at).not.toEqual(planRequests(phases, 4).at);
  });

  it('sends about the profile rate in each phase, from every channel, with every kind but follow-up payments', () => {
    const plan = planRequests(phases, 11);
    for (const phase of phases) {
      const planned = plan.at.filter((at) => at >= phase.start * 1000 && at < phase.end * 1000).length;
      const expected = total(phase) * (phase.end - phase.start);
      expect(Math.abs(planned - expected) / expected, phase.name).toBeLessThan(0.2);
    }
    expect(new Set(plan.channel.map((c) => CHANNELS[c]))).toEqual(new Set(CHANNELS));
    expect(new Set(plan.kind.map((k) => KINDS[k]))).toEqual(new Set(KINDS.filter((k) => k !== 'payment')));
    expect([...plan.at].sort((a, b) => a - b)).toEqual(plan.at);
  });

  it('sizes the promotions from the demand it expects', () => {
    // 32 claim-heavy req/s for 15 s of the 60 (grab and sale), 80 % claims
    expect(expectedCount(phases, 'claim')).toBeCloseTo(32 * 0.8 * 24, 5);
    expect(expectedCount(phases, 'flash-buy')).toBeCloseTo(160 * 0.6 * 15, 5);
  });
});
