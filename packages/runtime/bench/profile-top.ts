/**
 * Top self-time functions of a V8 .cpuprofile (as written by BENCH_PROFILE / `node --cpu-prof`).
 * Usage: node bench/.build/profile-top.js bench/CPU.*.cpuprofile [count]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const micros = new Map<number, number>();
profile.samples.forEach((id, i) => micros.set(id, (micros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFunction = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const time = micros.get(node.id) ?? 0;
  total += time;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/packages\//, '')}:${lineNumber + 1}`
    : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
}
const idle = [...byFunction].filter(([key]) => key.startsWith('(idle)')).reduce((sum, [, t]) => sum + t, 0);
process.stdout.write(`total ${(total / 1e6).toFixed(2)} s sampled, idle ${(idle / 1e6).toFixed(2)} s; share of busy time:\n`);
[...byFunction]
  .filter(([key]) => !key.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(count))
  .forEach(([key, time]) => process.stdout.write(`${((time / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${key}\n`));
