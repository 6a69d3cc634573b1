/**
 * Where the CPU goes, from /proc (Linux): this process (the gateway runs in it), its descendants
 * by what they run (ots-local, each function's instances, the load generator), and the rest of the
 * machine. Elsewhere (no /proc) every reading is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's counters (USER_HZ: 100 on Linux). */
const TICKS = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function procStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function component(pid: number, self: number): string {
  if (pid === self) return 'gateway (and the rehearsal)';
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return 'other';
  }
  const app = /apps\/([\w-]+)\/dist\/index\.js/.exec(command);
  if (app) return `function ${app[1]}`;
  if (command.includes('ots-local')) return 'ots-local';
  if (command.includes('load-worker')) return 'load generator';
  return 'other';
}

/** Busy ticks of the whole machine (all cores), and the number of cores. */
function machineTicks(): { busy: number; cores: number } {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const total = (lines[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = total;
    return { busy: user + nice + system + irq + softirq + steal, cores: lines.filter((l) => /^cpu\d/.test(l)).length };
  } catch {
    return { busy: 0, cores: 0 };
  }
}

/** CPU used since the previous reading, in cores (1 = one core busy the whole time), by component. */
export type CpuReading = Record<string, number>;

/**
 * A meter that, at each `read()`, says how much CPU each component used since the last one.
 * Processes that ended between readings lose their last interval (instances stopped for idleness).
 *
 * @example
 * const meter = cpuMeter(); setInterval(() => log(meter.read()), 1000);
 */
export function cpuMeter(self = process.pid): { read(): CpuReading; cores: number } {
  let last = new Map<number, number>();
  let lastMachine = machineTicks();
  let lastAt = performance.now();
  let first = true;
  const read = (): CpuReading => {
    let stats: ProcStat[] = [];
    try {
      stats = readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .map(procStat)
        .filter((s): s is ProcStat => s !== undefined);
    } catch {
      return {};
    }
    const parent = new Map(stats.map((s) => [s.pid, s.ppid]));
    const ours = (pid: number): boolean => {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === self) return true;
      return false;
    };
    const now = performance.now();
    const seconds = Math.max(0.001, (now - lastAt) / 1000);
    const reading: CpuReading = {};
    const next = new Map<number, number>();
    let oursTotal = 0;
    for (const s of stats) {
      if (!ours(s.pid)) continue;
      next.set(s.pid, s.ticks);
      // A process new since the last reading (a cold start) counts from its birth: its start-up is its cost.
      const used = (s.ticks - (last.get(s.pid) ?? (first ? s.ticks : 0))) / TICKS / seconds;
      if (used <= 0) continue;
      const name = component(s.pid, self);
      reading[name] = (reading[name] ?? 0) + used;
      oursTotal += used;
    }
    const machine = machineTicks();
    const busy = (machine.busy - lastMachine.busy) / TICKS / seconds;
    reading['elsewhere on this machine'] = Math.max(0, busy - oursTotal);
    last = next;
    lastMachine = machine;
    lastAt = now;
    first = false;
    return reading;
  };
  return { read, cores: machineTicks().cores };
}
