import type { Snapshot } from './storage.js';
import { check, sum, type CheckResult } from './types.js';

/**
 * Points (API.md, member): each member's balance is the sum of its ledger, every entry's balance
 * follows from the one before (the ledger has no gap and no double), and no points request was
 * applied twice (each carries a reason of its own).
 *
 * @example
 * const results = pointsChecks(snapshot);
 */
export function pointsChecks(snapshot: Snapshot): CheckResult[] {
  const members = Object.entries(snapshot.members);
  return [
    check(
      'points: balance = sum of the ledger, each entry = the one before + its delta',
      members.flatMap(([memberId, { points, entries }]) => {
        const ledger = sum(entries, (entry) => entry.delta);
        let running = 0;
        const broken = entries.find((entry) => (running += entry.delta) !== entry.balance);
        return ledger === points && !broken
          ? []
          : [`${memberId}: balance ${points}, ledger ${ledger}${broken ? `, entry ${broken.id}` : ''}`];
      }),
    ),
    check(
      'points: no request applied twice',
      members.flatMap(([memberId, { entries }]) => {
        const seen = new Map<string, number>();
        for (const entry of entries) if (!entry.ref) seen.set(entry.reason, (seen.get(entry.reason) ?? 0) + 1);
        return [...seen]
          .filter(([reason, n]) => n > 1 && reason.startsWith('points-'))
          .map(([reason, n]) => `${memberId}: '${reason}' ${n} times`);
      }),
    ),
  ];
}
