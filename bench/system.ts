/** Page cache control and machine facts for the benchmark report. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** Result of an attempt to empty the page cache. */
export interface DropResult {
  readonly ok: boolean;
  /** Why it failed (permission, read-only /proc, ...), when it did. */
  readonly reason?: string;
}

/**
 * Flushes dirty pages and drops the page cache, dentries and inodes
 * (`sync; echo 3 > /proc/sys/vm/drop_caches`), so the next read comes from the disk. Needs root
 * and a writable `/proc/sys` (not given in most containers).
 * @returns whether it worked; never throws.
 */
export function dropPageCache(): DropResult {
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The machine the numbers were taken on. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  readonly loadAverage: number;
}

/** @returns facts about this machine. */
export function machineInfo(): MachineInfo {
  const c = cpus();
  const load = Number((spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout ?? '0').split(' ')[0]) || 0;
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: load,
  };
}
