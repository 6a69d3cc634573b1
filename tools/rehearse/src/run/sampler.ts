/**
 * Once a second during a run: the gateway's Prometheus text (instances by state, cold starts,
 * 429s, instance concurrency in use) and the CPU by component.
 */
import { cpuMeter, type CpuReading } from './cpu.js';

/** One second's reading. Counters are cumulative; gauges are summed over functions. */
export interface Sample {
  /** Seconds from the run's start. */
  t: number;
  instances: { busy: number; idle: number; starting: number };
  instancesByFunction: Record<string, number>;
  coldStarts: Record<string, number>;
  throttled: Record<string, number>;
  inUse: number;
  capacity: number;
  /** Requests that ever waited for an instance slot (cumulative), and those waiting now. */
  queuedTotal: number;
  queueDepth: number;
  cpu: CpuReading;
}

const LINE = /^(\w+)\{([^}]*)\} ([\d.eE+-]+)$/;

/**
 * The samples the Prometheus text gives, parsed into one reading.
 *
 * @example
 * readPrometheus('retail_instances{function="member",state="idle"} 2\n').instances // { busy: 0, idle: 2, starting: 0 }
 */
export function readPrometheus(text: string): Omit<Sample, 't' | 'cpu'> {
  const sample: Omit<Sample, 't' | 'cpu'> = {
    instances: { busy: 0, idle: 0, starting: 0 },
    instancesByFunction: {},
    coldStarts: {},
    throttled: {},
    inUse: 0,
    capacity: 0,
    queuedTotal: 0,
    queueDepth: 0,
  };
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, name, rawLabels = '', rawValue] = match;
    const labels: Record<string, string> = Object.fromEntries(
      [...rawLabels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    const value = Number(rawValue);
    const fn = labels.function ?? '';
    if (name === 'retail_instances' && (labels.state === 'busy' || labels.state === 'idle' || labels.state === 'starting')) {
      sample.instances[labels.state] += value;
      sample.instancesByFunction[fn] = (sample.instancesByFunction[fn] ?? 0) + value;
    } else if (name === 'retail_cold_starts_total') sample.coldStarts[fn] = value;
    else if (name === 'retail_throttled_total') sample.throttled[labels.channel ?? ''] = value;
    else if (name === 'retail_instance_concurrency_in_use') sample.inUse += value;
    else if (name === 'retail_instance_concurrency_capacity') sample.capacity += value;
    else if (name === 'retail_queued_requests_total') sample.queuedTotal += value;
    else if (name === 'retail_queue_depth') sample.queueDepth += value;
  }
  return sample;
}

/**
 * Samples `${gatewayUrl}/_gateway/metrics` and the CPU every second until stopped.
 *
 * @example
 * const sampler = startSampler(url, t0); ...; const samples = sampler.stop();
 */
export function startSampler(gatewayUrl: string, t0: number): { stop(): Sample[] } {
  const samples: Sample[] = [];
  const meter = cpuMeter();
  meter.read();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const t = Math.round((Date.now() - t0) / 100) / 10;
    const cpu = meter.read();
    fetch(`${gatewayUrl}/_gateway/metrics`)
      .then((response) => response.text())
      .then(
        (text) => samples.push({ t, cpu, ...readPrometheus(text) }),
        () => undefined,
      )
      .finally(() => (busy = false));
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      return samples.sort((a, b) => a.t - b.t);
    },
  };
}
