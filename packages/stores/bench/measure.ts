/** Runs `op` at a fixed concurrency for a fixed time and reports throughput and latency. */
export interface Measurement {
  ops: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function measure(op: (i: number) => Promise<unknown>, concurrency: number, seconds: number): Promise<Measurement> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        await op(issued++);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { ops: latencies.length, opsPerSecond: latencies.length / elapsed, p50Ms: quantile(0.5), p99Ms: quantile(0.99) };
}
