/**
 * A small seeded generator (mulberry32): the same seed gives the same draws, so a fault run can be
 * repeated. Not for anything secret.
 *
 * @example
 * const next = seededRandom(42, 0);
 * next(); // 0 <= x < 1, the same on every run
 */
export function seededRandom(seed: number, stream: number): () => number {
  // Each rule draws from its own stream, so adding a rule does not change what the others do.
  let state = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
