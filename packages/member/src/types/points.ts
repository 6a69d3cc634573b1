/** A change of a member's points: earn (delta > 0) or spend (delta < 0). */
export interface PointsChangeInput {
  /** A non-zero safe integer. */
  readonly delta: number;
  readonly reason: string;
  /**
   * An idempotent source reference (`order:ord_123`): a change with a ref the member's ledger
   * already holds is not applied again; the first outcome is returned with `replayed: true`.
   * 1 to 128 characters.
   */
  readonly ref?: string | undefined;
}

export interface PointsChange {
  /** The balance right after this change. */
  readonly balance: number;
  /** The ledger entry's id (`pts_...`). */
  readonly entryId: string;
  /** True when `ref` had been applied before and nothing changed now. */
  readonly replayed: boolean;
}

/** One ledger entry as the contract shows it. */
export interface PointsEntry {
  readonly id: string;
  readonly delta: number;
  readonly reason: string;
  /** The balance right after this entry. */
  readonly balance: number;
  /** ISO-8601 UTC. */
  readonly at: string;
}

export interface ListPointsInput {
  /** 1 to 100. */
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | null | undefined;
}

export interface PointsPage {
  /** Newest first. */
  readonly items: PointsEntry[];
  readonly nextCursor: string | null;
}
