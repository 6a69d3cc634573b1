/**
 * What the gateway keeps of what it sees (issue 7): its access path and the functions' output
 * lines in a log store, requests and instances in per-second series, and alarm rules evaluated
 * over them. See @retail/observe for the stores.
 */
import {
  AlarmEngine,
  functionLine,
  gatewayLine,
  LogStore,
  SeriesStore,
  type AlarmRule,
  type InstanceOutput,
  type WebhookSender,
} from '@retail/observe';
import { registeredPoolMetrics } from '../instances/metrics.js';
import type { Logger } from '../log.js';
import { escapeLabel, type MetricsRegistry } from '../metrics.js';
import { isQuietRead, type AccessRecord } from './access.js';

/** Options of {@link createObservability}. */
export interface ObservabilityOptions {
  /** Where the log segments go (`.data/logs`); without one, lines stay in memory. */
  logDir?: string;
  /** The log store's bound. Default 64 MiB with a directory, 8 MiB in memory. */
  maxLogBytes?: number;
  /** Alarm rules. Default none. */
  rules?: readonly AlarmRule[];
  /** Most label sets per series family. Default 64. */
  maxLabelSets?: number;
  /** Alarm webhook delivery (tests pass their own). */
  webhooks?: Pick<WebhookSender, 'send' | 'idle'>;
  /** The clock (epoch ms). */
  now?: () => number;
}

/** The stores and the hooks that feed them. */
export interface Observability {
  logs: LogStore;
  series: SeriesStore;
  alarms: AlarmEngine;
  /** One request the gateway answered: a series sample, and its access line in the log store. */
  request(record: AccessRecord): void;
  /** A sink for the gateway's own lines: each is kept (reads of its own endpoints aside) and passed on to `next`. */
  gatewayLog(next: Logger): Logger;
  /**
   * A FunctionPool's `log`: instance output lines become function log lines (JSON lines keep their
   * fields) and stay here; the pool's instance events are kept and passed on to `next`.
   */
  poolLog(next?: Logger): Logger;
  /** Samples the pools of `registry` four times a second and evaluates the alarms every second. */
  start(registry: MetricsRegistry): void;
  /** Stops sampling and evaluating, and closes the log store. */
  close(): void;
}

/**
 * @example
 * const observe = createObservability({ logDir: '.data/logs', rules: readAlarmRulesFile('alarms.dev.json') });
 * const pool = await poolFromSYaml('apps/member', env, { log: observe.poolLog(log), metrics });
 * await startGateway({ upstreams: { member: pool }, metrics, observe });
 */
export function createObservability(options: ObservabilityOptions = {}): Observability {
  const now = options.now ?? Date.now;
  const logs = new LogStore({
    ...(options.logDir === undefined ? {} : { dir: options.logDir }),
    maxBytes: options.maxLogBytes ?? (options.logDir === undefined ? 8 : 64) * 1024 * 1024,
  });
  const series = new SeriesStore({ now, ...(options.maxLabelSets ? { maxLabelSets: options.maxLabelSets } : {}) });
  const keep: Logger = (line) => logs.append(gatewayLine(line, now()));
  const alarms = new AlarmEngine({
    rules: options.rules ?? [],
    series,
    now,
    log: keep,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const timers: NodeJS.Timeout[] = [];
  const coldStartsSeen = new Map<string, number>();

  return {
    logs,
    series,
    alarms,
    request(record) {
      if (record.function === 'gateway') return;
      series.recordRequest({
        function: record.function,
        route: record.route,
        channel: record.channel,
        status: record.status,
        // A gateway refusal (401, 429...) answers at once: it would flatter the function's latency.
        ...(record.refused && record.status < 500 ? {} : { latencyMs: record.latencyMs }),
      });
    },
    gatewayLog: (next) => (line) => {
      if (!isQuietRead(line)) keep(line);
      next(line);
    },
    poolLog: (next) => (line) => {
      if (line.event === 'instance-output') {
        logs.append(functionLine(line as unknown as InstanceOutput, now()));
        return;
      }
      keep(line);
      next?.(line);
    },
    start(registry) {
      if (timers.length > 0) return;
      const sample = () => {
        const pools = registeredPoolMetrics(registry);
        if (!pools) return;
        for (const snapshot of pools.snapshots()) {
          const total = pools.coldStarts.get({ function: snapshot.function });
          const coldStarts = total - (coldStartsSeen.get(snapshot.function) ?? total);
          coldStartsSeen.set(snapshot.function, total);
          series.recordPool({ ...snapshot, coldStarts: Math.max(0, coldStarts) });
        }
      };
      sample();
      registry.collect(() => [
        '# HELP retail_alarms_firing Alarms firing now, by rule (alarms.dev.json or GATEWAY_ALARMS_FILE).',
        '# TYPE retail_alarms_firing gauge',
        ...[...alarms.firingCounts()].map(([rule, count]) => `retail_alarms_firing{rule="${escapeLabel(rule)}"} ${count}`),
        '# HELP retail_log_store_bytes Bytes of log lines kept by the gateway (bounded).',
        '# TYPE retail_log_store_bytes gauge',
        `retail_log_store_bytes ${logs.stats().bytes}`,
      ]);
      timers.push(
        setInterval(sample, 250),
        setInterval(() => alarms.evaluate(), 1000),
      );
      for (const timer of timers) timer.unref();
    },
    close() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      logs.close();
    },
  };
}
