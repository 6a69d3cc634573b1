import { systemClock, type Clock } from '@retail/core';
import { memberTables, MemberService } from '@retail/member';
import { createApp, createLogger, idempotencyTable, TablestoreIdempotencyStore, type App, type Logger } from '@retail/runtime';
import type { TablestoreClient } from '@retail/tablestore';
import { MembersController } from './controllers/members.controller.js';

/** Every table the member function uses: what dev start-up, tests and deploy ensure. */
export const memberFunctionTables = [...memberTables, idempotencyTable];

export interface MemberAppDeps {
  client: TablestoreClient;
  functionTimeoutMs: number;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The member function's composition root: storage, use-cases, controllers.
 *
 * @example
 * const app = createMemberApp({ client, functionTimeoutMs: 10_000 });
 */
export function createMemberApp(deps: MemberAppDeps): App {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ functionName: 'member' });
  const members = new MemberService({
    client: deps.client,
    clock,
    onDeferredError: (error) => logger.warn({ err: error }, 'deferred member write failed; it is repaired on the next touch'),
  });
  return createApp({
    name: 'member',
    controllers: [new MembersController(members)],
    logger,
    idempotency: { store: new TablestoreIdempotencyStore(deps.client, clock), lockMs: deps.functionTimeoutMs },
  });
}
