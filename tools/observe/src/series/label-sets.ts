/** Label sets with a cap: beyond it every new label set is counted as one `other` set. */

/** A label set and what is kept for it. */
export interface Labelled<T> {
  labels: Record<string, string>;
  data: T;
}

/** The value of every label of the set that takes label sets beyond the cap. */
export const OTHER = 'other';

/**
 * At most `cap` label sets of `names`, plus the `other` set.
 *
 * @example
 * const sets = new LabelSets(['function'], 64, () => new SecondRing(3600, 7, false));
 * sets.get({ function: 'member' }).data;
 */
export class LabelSets<T> {
  private readonly byKey = new Map<string, Labelled<T>>();
  private overflow: Labelled<T> | undefined;

  constructor(
    readonly names: readonly string[],
    readonly cap: number,
    private readonly create: () => T,
  ) {}

  get(labels: Record<string, string>): Labelled<T> {
    const key = this.names.map((name) => labels[name] ?? '').join('\u0000');
    let entry = this.byKey.get(key);
    if (entry) return entry;
    if (this.byKey.size >= this.cap) return this.other();
    entry = { labels: Object.fromEntries(this.names.map((name) => [name, labels[name] ?? ''])), data: this.create() };
    this.byKey.set(key, entry);
    return entry;
  }

  all(): Array<Labelled<T>> {
    return [...this.byKey.values(), ...(this.overflow ? [this.overflow] : [])];
  }

  private other(): Labelled<T> {
    this.overflow ??= { labels: Object.fromEntries(this.names.map((name) => [name, OTHER])), data: this.create() };
    return this.overflow;
  }
}
