/** Latency by layer from the gateway's and the functions' access lines. */
import { phaseAt, type Phase } from '../profile.js';
import type { LayerLine } from '../run/layers.js';
import { latencyOf } from './stats.js';
import type { Latency } from './types.js';

/** Gateway and function latency per phase, from their access lines (`t0`: epoch ms of second 0). */
export function layersByPhase(
  lines: readonly LayerLine[],
  phases: readonly Phase[],
  t0: number,
): Record<string, { gateway: Latency; function: Latency }> {
  const result: Record<string, { gateway: number[]; function: number[] }> = {};
  for (const phase of phases) result[phase.name] = { gateway: [], function: [] };
  for (const line of lines) {
    const second = (line.startedAt - t0) / 1000;
    if (second < 0) continue;
    result[phaseAt(phases, second)]?.[line.source].push(line.latencyMs);
  }
  return Object.fromEntries(
    Object.entries(result).map(([phase, l]) => [phase, { gateway: latencyOf(l.gateway), function: latencyOf(l.function) }]),
  );
}

/** Each function's own latency during one phase. */
export function functionsIn(lines: readonly LayerLine[], phase: Phase | undefined, t0: number): Record<string, Latency> {
  if (!phase) return {};
  const byFunction = new Map<string, number[]>();
  for (const line of lines) {
    const second = (line.startedAt - t0) / 1000;
    if (line.source !== 'function' || second < phase.start || second >= phase.end) continue;
    byFunction.set(line.function, [...(byFunction.get(line.function) ?? []), line.latencyMs]);
  }
  return Object.fromEntries(
    [...byFunction].sort(([a], [b]) => a.localeCompare(b)).map(([fn, values]) => [fn, latencyOf(values)]),
  );
}
