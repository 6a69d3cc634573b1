/**
 * Inputs for the differential tests: a small seeded generator that mutates valid samples into
 * every kind of wrong (missing, null, wrong types, NaN, floats, extra keys, broken nesting).
 */

/** mulberry32: a tiny seeded PRNG, so that every run checks the same inputs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Values a body may carry where something else was expected. */
export const BODY_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -0,
  1,
  -1,
  2,
  1.5,
  99,
  100,
  1e3,
  -1e9 - 1,
  2 ** 53,
  NaN,
  Infinity,
  -Infinity,
  '',
  ' ',
  'a',
  'ab',
  'abc',
  'ABC',
  'abcd',
  'abcde',
  'x'.repeat(33),
  '12',
  '12abc',
  '1e3',
  ' 12 ',
  'true',
  'false',
  '\u{1F600}',
  '\u{1F600}\u{1F600}',
  '\u{1F600}\u{1F600}\u{1F600}\u{1F600}',
  'a\u{1F600}b',
  '\uD83D',
  'e\u0301',
  '\u2764\uFE0F',
  '13800000000',
  '2024-02-29',
  '2023-02-29',
  '2024-13-01',
  '2024-01-01T10:00:00Z',
  '2024',
  'c9bf9e57-1685-4c89-bafb-ff5af830be8a',
  'C9BF9E57-1685-1C89-BAFB-FF5AF830BE8A',
  '#ff00aa',
  'red',
  'green',
  'must',
  'x',
  'b',
  true,
  false,
  [],
  [1],
  [1, 2],
  [2, 4],
  [0, 1, 2, 3],
  ['a'],
  ['a', 'a'],
  ['must', 'b'],
  [null],
  [1.5],
  ['ab', 'abc'],
  {},
  { a: 1 },
  { name: 'ok' },
  { name: '' },
  [{}],
  [{ name: 'ok' }],
  [[{ name: 'ok' }]],
  [[1]],
  { __proto__: null, a: 1 },
];

/** Values a query string may carry. */
export const QUERY_VALUES: readonly (string | string[])[] = [
  '',
  '0',
  '1',
  '-1',
  '20',
  '100',
  '101',
  '1.5',
  '12abc',
  '1e3',
  ' 12 ',
  '0x10',
  'abc',
  'true',
  'false',
  '1',
  'a',
  'b',
  'x'.repeat(9),
  '\u{1F600}',
  ['1', '2'],
  ['a', 'b'],
  ['true'],
  'TRUE',
  'False',
  ['true', 'false'],
  ['false', 'nope'],
];

const UNKNOWN_KEYS = [
  'extra',
  'other',
  '0',
  '9',
  'toString',
  'hasOwnProperty',
  'constructor',
  '__proto__',
  'valueOf',
  'describe',
];

/** A copy of `value` with one random change somewhere inside (objects and arrays, depth first). */
export function mutate(value: unknown, rng: Rng, pool: readonly unknown[], keys: readonly string[], depth = 0): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((v) => v);
    const roll = rng();
    if (copy.length > 0 && roll < 0.5) {
      const i = Math.floor(rng() * copy.length);
      copy[i] = mutate(copy[i], rng, pool, keys, depth + 1);
    } else if (copy.length > 0 && roll < 0.65) copy.splice(Math.floor(rng() * copy.length), 1);
    else if (copy.length > 0 && roll < 0.8) copy.push(structuredClone(pick(rng, copy)));
    else copy.push(pick(rng, pool));
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const present = Object.keys(copy);
    const roll = rng();
    if (present.length > 0 && roll < 0.45) {
      const key = pick(rng, present);
      copy[key] = mutate(copy[key], rng, pool, keys, depth + 1);
    } else if (present.length > 0 && roll < 0.6) delete copy[pick(rng, present)];
    else if (roll < 0.8) copy[pick(rng, keys)] = pick(rng, pool);
    else
      Object.defineProperty(copy, pick(rng, UNKNOWN_KEYS), {
        value: pick(rng, pool),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return copy;
  }
  return depth > 0 && rng() < 0.3 ? pick(rng, [{}, [], { name: 'n' }]) : pick(rng, pool);
}

/** `count` inputs: the samples themselves, then random mutations (one to three deep) of them. */
export function inputs(
  samples: readonly unknown[],
  count: number,
  seed: number,
  pool: readonly unknown[],
  keys: readonly string[],
): unknown[] {
  const rng = random(seed);
  const out: unknown[] = [...samples];
  while (out.length < count) {
    let value: unknown = pick(rng, samples);
    const steps = 1 + Math.floor(rng() * 3);
    for (let i = 0; i < steps; i++) value = mutate(value, rng, pool, keys);
    out.push(value);
  }
  return out;
}
