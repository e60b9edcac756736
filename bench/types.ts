export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
  before?: number;
}

/** Wall times of `fn` in milliseconds over `runs` runs, fastest first (benchmarks report them; tests never assert time). */
export function timesMs(fn: () => unknown, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

/** Median wall time of `fn` in milliseconds over `runs` runs. */
export function medianMs(fn: () => unknown, runs: number): number {
  return timesMs(fn, runs)[Math.floor(runs / 2)] ?? 0;
}
