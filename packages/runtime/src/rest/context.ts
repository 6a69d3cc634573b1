import type { Logger } from 'pino';
import type { RuntimeRequest } from '../http/types.js';
import type { IdempotentAttempt } from '../idempotency/types.js';

/**
 * What a controller can ask for with typescript-rest's `@Context`: the request's identity and a
 * logger that stamps every line with the request id.
 *
 * @example
 * @GET @Path(':id') get(@PathParam('id') id: string, @Context ctx: RequestContext) { ctx.log.info('...') }
 */
export class RequestContext {
  private child: Logger | undefined;

  constructor(
    readonly request: RuntimeRequest,
    readonly requestId: string,
    /** The channel app that called, as the gateway says (`X-Retail-Channel`); undefined if none. */
    readonly channel: string | undefined,
    private readonly root: Logger,
    /**
     * The Idempotency-Key this request runs under, when its route is `@Idempotent()` and a key was
     * sent: a handler names its work from it so that a retry finds the same work.
     */
    readonly idempotency: IdempotentAttempt | undefined = undefined,
  ) {}

  /** Created on first use: most requests never log beyond the access line. */
  get log(): Logger {
    this.child ??= this.root.child({ requestId: this.requestId });
    return this.child;
  }
}
