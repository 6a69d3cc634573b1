/** Writing the gateway's own answers. */
import type { ServerResponse } from 'node:http';
import type { ProblemResponse } from './problem.js';

const PROBLEM_JSON = 'application/problem+json';

/** Writes a refusal as `application/problem+json` with its `X-Ca-Error-*` headers. */
export function sendProblem(res: ServerResponse, problem: ProblemResponse): void {
  const text = JSON.stringify(problem.body);
  res.writeHead(problem.status, { ...problem.headers, 'content-type': PROBLEM_JSON, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An error's message for a log line. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
