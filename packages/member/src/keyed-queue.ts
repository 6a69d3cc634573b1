/**
 * Runs tasks one after another per key and concurrently across keys. Point changes of one member
 * in one process queue here instead of racing each other on the member row: the conditional
 * update stays the guard (other processes still race), but a busy member in a busy instance
 * does not burn optimistic retries on itself. The queue is as long as the concurrent requests of
 * one instance (Function Compute's instance concurrency bounds it).
 *
 * @example
 * const queue = new KeyedQueue();
 * await queue.run(memberId, () => applyChange());
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks. */
  get size(): number {
    return this.tails.size;
  }
}
