/**
 * The observability contract's data endpoints (issue 7): `GET /_gateway/logs`, `GET
 * /_gateway/series` and `GET /_gateway/alarms`, over the stores of an {@link Observability}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseLogParams, parseSeriesParams, type FieldError } from '@retail/observe';
import { refusal } from '../problem.js';
import { sendJson, sendProblem } from '../respond.js';
import type { AdminView } from './admin-view.js';
import type { Observability } from './observability.js';

/**
 * The three endpoints as admin views.
 *
 * @example
 * const views = observeViews(observe, Date.now);
 */
export function observeViews(observe: Observability, now: () => number): AdminView[] {
  return [
    view('/_gateway/logs', async (params, res) => {
      const parsed = parseLogParams(params, now());
      if (parsed.errors) return invalid(res, parsed.errors);
      sendJson(res, 200, await observe.logs.query(parsed.query));
    }),
    view('/_gateway/series', (params, res) => {
      const parsed = parseSeriesParams(params, now());
      if (parsed.errors) return invalid(res, parsed.errors);
      sendJson(res, 200, observe.series.query(parsed.query));
    }),
    view('/_gateway/alarms', (params, res) => {
      const unknown = [...params.keys()];
      if (unknown.length > 0)
        return invalid(
          res,
          unknown.map((field) => ({ field, messages: [`unknown parameter ${field}`] })),
        );
      sendJson(res, 200, observe.alarms.snapshot());
    }),
  ];
}

function view(path: string, answer: (params: URLSearchParams, res: ServerResponse) => void | Promise<void>): AdminView {
  return {
    matches: (candidate) => candidate === path,
    serve(req: IncomingMessage, res: ServerResponse) {
      if (req.method !== 'GET') return sendProblem(res, refusal('not-found', `No gateway endpoint ${req.method} ${path}.`));
      const url = req.url ?? path;
      const q = url.indexOf('?');
      return answer(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)), res);
    },
  };
}

function invalid(res: ServerResponse, errors: FieldError[]): void {
  sendProblem(
    res,
    refusal('validation-failed', `Invalid ${errors.map((error) => error.field).join(', ')}.`, {
      message: 'Invalid Parameter',
      extensions: { errors },
    }),
  );
}
