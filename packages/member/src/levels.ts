/** A member's level, earned by lifetime points and never lost by spending. */
export type MemberLevel = 'regular' | 'silver' | 'gold' | 'platinum';

/** The lowest lifetime points of each level, highest first. */
export const LEVEL_THRESHOLDS: readonly { readonly level: MemberLevel; readonly from: number }[] = [
  { level: 'platinum', from: 20_000 },
  { level: 'gold', from: 5_000 },
  { level: 'silver', from: 1_000 },
  { level: 'regular', from: 0 },
];

/**
 * The level that lifetime points earn: regular < 1000 <= silver < 5000 <= gold < 20000 <= platinum.
 *
 * @example
 * levelFor(999) // 'regular'
 * levelFor(1000) // 'silver'
 */
export function levelFor(lifetimePoints: number): MemberLevel {
  for (const { level, from } of LEVEL_THRESHOLDS) if (lifetimePoints >= from) return level;
  return 'regular';
}
