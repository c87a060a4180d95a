/**
 * With AIRBYTE_GENERATE_TIMINGS=1, each step's duration goes to stderr
 * (for bench/generate.ts and for finding where a slow spec spends its time).
 */
export function stopwatch(): (step: string) => void {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (step) => {
    if (!process.env.AIRBYTE_GENERATE_TIMINGS) return;
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    // Under `node --expose-gc`, a full collection first: the heap then is what is live, not what GC has yet to free.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const { rss, heapUsed } = process.memoryUsage();
    console.error(
      `timing: ${step} ${(now - last).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), rss ${(rss / 2 ** 20).toFixed(0)} MiB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
    last = now;
    lastCpu = process.cpuUsage();
  };
}
