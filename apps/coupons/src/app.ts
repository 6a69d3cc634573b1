import { systemClock, type Clock } from '@retail/core';
import { CouponService, couponsTables } from '@retail/coupons';
import { MemberService } from '@retail/member';
import {
  createApp,
  createLogger,
  idempotencyTable,
  TablestoreIdempotencyStore,
  type FunctionParts,
  type Logger,
} from '@retail/runtime';
import type { TablestoreClient } from '@retail/tablestore';
import { CampaignsController } from './controllers/campaigns.controller.js';
import { CouponsController } from './controllers/coupons.controller.js';
import { memberDirectory } from './member-directory.js';

/**
 * Every table the coupons function writes: what dev start-up, tests and deploy ensure. It also
 * reads the member function's `members` table (`memberTables` of `@retail/member`).
 */
export const couponsFunctionTables = [...couponsTables, idempotencyTable];

export interface CouponsAppDeps {
  client: TablestoreClient;
  functionTimeoutMs: number;
  clock?: Clock;
  logger?: Logger;
  /** How old an unfinished claim must be to count as abandoned; default 60 s. */
  claimGraceMs?: number;
}

/** The function's HTTP app and its timer jobs. */
export interface CouponsFunction extends FunctionParts {
  readonly coupons: CouponService;
}

/**
 * The coupons function's composition root: storage, use-cases, controllers, and the
 * `sweep-claims` job its timer trigger runs every minute.
 *
 * @example
 * const { app, jobs } = createCouponsApp({ client, functionTimeoutMs: 10_000 });
 */
export function createCouponsApp(deps: CouponsAppDeps): CouponsFunction {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ functionName: 'coupons' });
  const coupons = new CouponService({
    client: deps.client,
    clock,
    members: memberDirectory(new MemberService({ client: deps.client, clock })),
    claimGraceMs: deps.claimGraceMs,
    onDeferredError: (error) => logger.warn({ err: error }, 'deferred coupon write failed; the sweep repairs it'),
  });
  const app = createApp({
    name: 'coupons',
    controllers: [new CampaignsController(coupons), new CouponsController(coupons)],
    logger,
    idempotency: { store: new TablestoreIdempotencyStore(deps.client, clock), lockMs: deps.functionTimeoutMs },
  });
  return { app, jobs: { 'sweep-claims': () => coupons.sweepRunning() }, coupons };
}
