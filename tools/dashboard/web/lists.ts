/**
 * The two lists of the page: firing alarms (with the latest events) and the latest error lines,
 * each request id a link to the log query for it. Text is set with textContent only: log lines
 * carry caller-controlled strings.
 */
import type { AlarmsResponse, LogLine, LogsResponse } from './contract.js';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function labelsText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  return parts.length > 0 ? `{${parts.join(', ')}}` : '';
}

/** A time from the contract (ISO string or epoch ms) as local HH:MM:SS. */
export function clock(time: string | number | undefined): string {
  if (time === undefined) return '';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toLocaleTimeString([], { hour12: false });
}

/**
 * The log query of one request, as the page links it.
 *
 * @example
 * requestLink('abc', '/_gateway') // '/_gateway/logs?requestId=abc&since=1h'
 */
export function requestLink(requestId: string, base: string): string {
  return `${base}/logs?requestId=${encodeURIComponent(requestId)}&since=1h`;
}

/** Fills `firing` and `events` (lists) from `/_gateway/alarms`. */
export function renderAlarms(answer: AlarmsResponse, firing: HTMLElement, events: HTMLElement): void {
  firing.replaceChildren(
    ...(answer.firing.length === 0
      ? [element('li', 'none firing', 'quiet')]
      : answer.firing.map((alarm) => {
          const item = element('li', undefined, 'firing');
          item.append(
            element('strong', alarm.rule),
            ` ${labelsText(alarm.labels)} value ${alarm.value} since ${clock(alarm.since)}`,
          );
          return item;
        })),
  );
  if (answer.events.length === 0) return events.replaceChildren(element('li', 'no events yet', 'quiet'));
  events.replaceChildren(
    ...answer.events.slice(0, 10).map((event) => {
      const item = element('li', undefined, event.state);
      item.append(
        `${clock(event.at)} `,
        element('strong', event.rule),
        ` ${event.state} ${labelsText(event.labels)} ${event.value}`,
      );
      return item;
    }),
  );
}

function errorText(line: LogLine): string {
  return line.err?.message ?? line.msg ?? (typeof line.code === 'string' ? line.code : '');
}

/** Fills the error table's body from `/_gateway/logs?status=5xx`. */
export function renderErrors(answer: LogsResponse, body: HTMLElement, base: string): void {
  if (answer.items.length === 0) {
    const row = element('tr');
    const cell = element('td', 'no errors in this window', 'quiet');
    cell.colSpan = 6;
    row.append(cell);
    body.replaceChildren(row);
    return;
  }
  body.replaceChildren(
    ...answer.items.map((line) => {
      const row = element('tr');
      const id = element('td');
      if (line.requestId) {
        const link = element('a', line.requestId);
        link.href = requestLink(line.requestId, base);
        id.append(link);
      }
      row.append(
        element('td', clock(line.time)),
        element('td', String(line.status ?? '')),
        element('td', line.function ?? line.source ?? ''),
        element('td', `${line.method ?? ''} ${line.route ?? ''}`.trim()),
        id,
        element('td', errorText(line)),
      );
      return row;
    }),
  );
}
