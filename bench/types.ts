export interface BenchRow { name: string; value: number; unit: string; target?: string; ok?: boolean }

/** Median wall time of `fn` in milliseconds over `runs` runs (benchmarks report it; tests never assert time). */
export function medianMs(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}
