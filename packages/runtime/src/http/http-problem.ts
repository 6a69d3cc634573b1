import type { Problem } from './problem.js';

/** A refusal the runtime itself makes (bad JSON, too large, unknown route), already a problem. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';

  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}
