/**
 * Webhook delivery that never holds anything up: each notice is posted in the background with a
 * timeout per attempt and retries with backoff; a full queue drops the newest notice (and says so).
 */
import { noticeBody, type AlarmNotice } from './notice.js';
import type { WebhookTarget } from './rules.js';

/** Options of {@link WebhookSender}. */
export interface WebhookSenderOptions {
  /** Per attempt. Default 3000 ms. */
  timeoutMs?: number;
  /** Default 3. */
  attempts?: number;
  /** Wait before the second attempt, doubled each time after. Default 500 ms. */
  backoffMs?: number;
  /** Deliveries under way at most. Default 100. */
  maxPending?: number;
  /** Structured log lines about failed deliveries. */
  log?: (line: Record<string, unknown>) => void;
}

/**
 * Posts alarm notices to webhooks.
 *
 * @example
 * const sender = new WebhookSender({ log });
 * sender.send({ url: 'https://oapi.dingtalk.com/robot/send?access_token=...', format: 'dingtalk' }, notice);
 * await sender.idle();
 */
export class WebhookSender {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxPending: number;
  private readonly log: (line: Record<string, unknown>) => void;
  private readonly pending = new Set<Promise<void>>();

  constructor(options: WebhookSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxPending = options.maxPending ?? 100;
    this.log = options.log ?? (() => {});
  }

  /** Starts delivering `notice` to `target` and returns at once. */
  send(target: WebhookTarget, notice: AlarmNotice): void {
    if (this.pending.size >= this.maxPending) {
      this.log({ level: 'error', event: 'alarm-webhook-dropped', rule: notice.rule, state: notice.state, reason: 'queue full' });
      return;
    }
    const delivery = this.deliver(target, notice).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(target: WebhookTarget, notice: AlarmNotice): Promise<void> {
    const body = JSON.stringify(noticeBody(notice, target.format));
    let failure = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 2)));
      failure = await this.post(target, body);
      if (failure === '') return;
    }
    this.log({
      level: 'error',
      event: 'alarm-webhook-failed',
      rule: notice.rule,
      state: notice.state,
      webhook: redactedUrl(target.url),
      attempts: this.attempts,
      error: failure,
    });
  }

  /** One attempt: '' when delivered, else why not. */
  private async post(target: WebhookTarget, body: string): Promise<string> {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) return `HTTP ${response.status}`;
      // A DingTalk robot answers 200 with its own error code (a bad token, too many messages).
      if (target.format === 'dingtalk') {
        const answer = safeJson(text) as { errcode?: number; errmsg?: string } | undefined;
        if (answer?.errcode !== undefined && answer.errcode !== 0) return `DingTalk errcode ${answer.errcode}: ${answer.errmsg}`;
      }
      return '';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

/**
 * A webhook URL without its query, which often holds the robot's token.
 *
 * @example
 * redactedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc') // 'https://oapi.dingtalk.com/robot/send'
 */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
