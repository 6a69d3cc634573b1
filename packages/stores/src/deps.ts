import type { Clock } from '@retail/core';
import type { StoresTables } from './tables.js';

/** What every use-case is given. */
export interface StoresDeps {
  readonly tables: StoresTables;
  readonly clock: Clock;
}
