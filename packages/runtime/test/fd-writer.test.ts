import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FdWriter } from '../src/observability/fd-writer.js';

/** A named pipe nobody reads yet: both ends non-blocking, as stdout is when Node made it a pipe. */
function pipe(): { reader: number; writer: number; closeReader(): void; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fd-writer-'));
  const path = join(dir, 'fifo');
  execFileSync('mkfifo', [path]);
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  const open = new Set([reader, writer]);
  return {
    reader,
    writer,
    closeReader() {
      closeSync(reader);
      open.delete(reader);
    },
    close() {
      for (const fd of open) closeSync(fd);
      open.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads everything the pipe holds now. */
function readAvailable(fd: number): string {
  const buffer = Buffer.alloc(64 * 1024);
  let text = '';
  for (;;) {
    try {
      const n = readSync(fd, buffer);
      if (n === 0) return text;
      text += buffer.toString('utf8', 0, n);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return text;
      throw error;
    }
  }
}

let opened: ReturnType<typeof pipe> | undefined;
afterEach(() => opened?.close());

describe('FdWriter', () => {
  it('never blocks on a full pipe: the rest waits, in order, and goes out once the reader reads', async () => {
    opened = pipe();
    const writer = new FdWriter(opened.writer);
    const chunks = Array.from({ length: 30 }, (_, i) => `${String(i).padStart(4, '0')}:${'x'.repeat(10_000)}\n`);
    // 300 KB into a 64 KB pipe: returns, the rest waits. One buffer reused for every chunk, as
    // LineBuffer does: what waits must be a copy.
    const reused = Buffer.alloc(chunks[0]!.length);
    for (const chunk of chunks) {
      reused.write(chunk);
      writer.write(reused);
    }
    reused.fill('!');
    let drained = false;
    writer.whenDrained(() => (drained = true));
    expect(drained).toBe(false);
    let received = '';
    while (!drained) {
      received += readAvailable(opened.reader);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    received += readAvailable(opened.reader);
    expect(received).toBe(chunks.join(''));
  });

  it('stops writing, without throwing, once the reader is gone', () => {
    opened = pipe();
    opened.closeReader();
    const writer = new FdWriter(opened.writer);
    expect(() => writer.write(Buffer.from('lost\n'))).not.toThrow();
    expect(() => writer.write(Buffer.from('lost too\n'))).not.toThrow();
    let drained = false;
    writer.whenDrained(() => (drained = true));
    expect(drained).toBe(true);
  });

  it('writes whatever is waiting on drainSync, as far as the pipe takes it', () => {
    opened = pipe();
    const writer = new FdWriter(opened.writer);
    writer.write(Buffer.from('a\n'));
    writer.drainSync(50);
    expect(readAvailable(opened.reader)).toBe('a\n');
  });
});
