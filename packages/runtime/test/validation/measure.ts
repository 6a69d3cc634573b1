/**
 * µs per `toDto` call for the benchmark's order body (memberId, storeId, 3 nested lines): the
 * class-transformer + class-validator path against the compiled validator, valid and invalid.
 *
 *   npx tsc -p test/validation/tsconfig.measure.json && node test/validation/.build/test/validation/measure.js
 */
import 'reflect-metadata';
import { CreateOrderBody } from '../../bench/controllers.js';
import { BAD_ORDER_BODIES, ORDER_BODY } from '../../bench/domain.js';
import { toDto, toDtoWithClassValidator } from '../../src/validation/validate.js';

const ROUNDS = Number(process.env.MEASURE_ROUNDS ?? 5);
const CALLS = Number(process.env.MEASURE_CALLS ?? 100_000);
const text = JSON.stringify(ORDER_BODY);
const bad = BAD_ORDER_BODIES.map((b) => b.body).filter(
  (b): b is object => typeof b === 'object' && b !== null && !Array.isArray(b),
);

let sink: unknown;
function measure(label: string, run: (i: number) => unknown): number {
  for (let i = 0; i < CALLS / 5; i++) sink = run(i); // warm-up
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // CPU time, not wall time: steadier on a shared machine
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) sink = run(i);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / CALLS);
  }
  const best = Math.min(...rounds);
  const median = rounds.sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
  process.stdout.write(`${label.padEnd(58)} ${median.toFixed(2).padStart(7)} µs/call (best ${best.toFixed(2)})\n`);
  return median;
}

process.stdout.write(`toDto(CreateOrderBody), ${ROUNDS} rounds x ${CALLS} calls, median CPU time (${process.version})\n`);
measure('JSON.parse of the body (for scale)', () => JSON.parse(text));
measure('new CreateOrderBody() (the per-call instance)', () => new CreateOrderBody());
const old = measure('class-transformer + class-validator, valid body', () =>
  toDtoWithClassValidator(CreateOrderBody, JSON.parse(text)),
);
const compiled = measure('compiled validator, valid body', () => toDto(CreateOrderBody, JSON.parse(text)));
const parse = measure('JSON.parse alone (same loop)', () => JSON.parse(text));
const oldBad = measure('class-transformer + class-validator, the bench bad bodies', (i) =>
  toDtoWithClassValidator(CreateOrderBody, bad[i % bad.length]),
);
const compiledBad = measure('compiled validator, the bench bad bodies', (i) => toDto(CreateOrderBody, bad[i % bad.length]));
process.stdout.write(
  `valid: ${(old - parse).toFixed(2)} -> ${(compiled - parse).toFixed(2)} µs beyond JSON.parse (${((old - parse) / (compiled - parse)).toFixed(1)}x); ` +
    `invalid: ${oldBad.toFixed(2)} -> ${compiledBad.toFixed(2)} µs (${(oldBad / compiledBad).toFixed(1)}x)\n`,
);
if (sink === undefined) process.stdout.write('\n');
