import { ProblemError } from '@retail/client';

/** What the clients saw in a phase: every HTTP attempt, the failures they retried and the refusals they accepted. */
export class Tally {
  requests = 0;
  /** Answers that made the client send again (5xx, 429, idempotency-in-progress, a dropped connection), by `status code`. */
  readonly retried = new Map<string, number>();
  /** Final refusals (sold out, limit reached...): expected answers, by `status code`. */
  readonly refused = new Map<string, number>();
  /** Logical requests that never got a final answer within their budget. */
  gaveUp = 0;

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/** How one logical request ended. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly refusal: ProblemError | undefined; readonly attempts: number };

/** The budget of one logical request: longer than an idempotency claim left by a dead instance (10 s). */
const BUDGET_MS = 40_000;

/**
 * Runs one logical request as API.md tells a client to: the same call (same Idempotency-Key, same
 * body) again after a 5xx, a 429, `409 idempotency-in-progress` or a dropped connection, waiting
 * `Retry-After` (at most 1 s) or a short jittered backoff; any other answer is final.
 *
 * @example
 * const outcome = await withRetries(tally, () => retail.orders.create(input, { idempotencyKey }));
 * if (outcome.ok) created.push(outcome.value);
 */
export async function withRetries<T>(tally: Tally, send: () => Promise<T>): Promise<Outcome<T>> {
  const deadline = Date.now() + BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    tally.requests++;
    try {
      return { ok: true, value: await send(), attempts: attempt };
    } catch (error) {
      const problem = error instanceof ProblemError ? error : undefined;
      if (problem && !isTransient(problem)) {
        tally.count(tally.refused, `${problem.status} ${problem.code}`);
        return { ok: false, refusal: problem, attempts: attempt };
      }
      if (!problem && !(error instanceof TypeError || (error as Error).name === 'TimeoutError')) throw error;
      tally.count(tally.retried, problem ? `${problem.status} ${problem.code}` : 'connection failed');
      if (Date.now() >= deadline) {
        tally.gaveUp++;
        return { ok: false, refusal: undefined, attempts: attempt };
      }
      const wait = problem?.retryAfterSeconds !== undefined ? Math.min(1000, problem.retryAfterSeconds * 1000) : backoff(attempt);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function isTransient(problem: ProblemError): boolean {
  return problem.status >= 500 || problem.status === 429 || problem.code === 'idempotency-in-progress';
}

function backoff(attempt: number): number {
  return Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
}
