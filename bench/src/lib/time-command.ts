import { spawnSync } from 'node:child_process';

/**
 * Median wall time of a command over `runs` runs, in ms, after one warm-up run.
 * Medians resist the odd slow start on a busy 2-core machine.
 */
export function medianCommandMs(command: string, args: string[], runs = 15): number {
  spawnSync(command, args, { stdio: 'ignore' });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  }
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
