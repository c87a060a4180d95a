/**
 * bench/worker.ts: a contender in its own process gets its spec, answers each
 * message once, and a worker that dies is an error naming it (not a bench
 * waiting forever).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cpuMeter, startWorker } from "../../bench/worker.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("bench workers", () => {
  it("passes the spec and answers each message in turn", { timeout: 30_000 }, async () => {
    const worker = await startWorker<{ n: number }, { n: number }>(fixture("echo-worker.ts"), { factor: 3 });
    try {
      expect(await worker.ask({ n: 2 })).toEqual({ n: 6 });
      expect(await worker.ask({ n: 5 })).toEqual({ n: 15 });
    } finally {
      worker.kill();
    }
  });

  it("a worker that exits before answering rejects, naming it", { timeout: 30_000 }, async () => {
    const worker = await startWorker<{ n: number }, { n: number }>(fixture("echo-worker.ts"), { factor: 1 }, { name: "the echo walk" });
    await expect(worker.ask({ n: -1 })).rejects.toThrow("bench: the echo walk exited (code 3) before answering");
    // Asked again, the worker being gone: an error naming it, not a crash of the bench (ERR_IPC_CHANNEL_CLOSED).
    await expect(worker.ask({ n: 1 })).rejects.toThrow("bench: the echo walk is no longer running (exit code 3)");
  });

  it("a Node that cannot start rejects the start, naming the worker", { timeout: 30_000 }, async () => {
    await expect(startWorker(fixture("echo-worker.ts"), {}, { execPath: "/nonexistent/node", name: "the node@99 contender" })).rejects.toThrow(
      /^bench: the node@99 contender failed: spawn \/nonexistent\/node ENOENT/,
    );
  });

  it("a worker whose set-up fails rejects the start", { timeout: 30_000 }, async () => {
    await expect(startWorker(fixture("failing-worker.ts"), {}, { name: "the broken contender" })).rejects.toThrow("bench: the broken contender exited (code 1)");
  });

  it("cpuMeter counts the CPU since its previous reading, not since it was made", () => {
    const meter = cpuMeter();
    // Burn at least 30 ms of this process's CPU (CPU time, so a loaded machine only makes it take longer).
    const burn = (ms: number) => {
      const start = process.cpuUsage();
      for (let x = 0; ; x++) {
        if (x % 10_000 === 0) {
          const used = process.cpuUsage(start);
          if (used.user + used.system >= ms * 1000) return;
        }
      }
    };
    burn(30);
    expect(meter()).toBeGreaterThanOrEqual(30);
    burn(30);
    const second = meter();
    expect(second).toBeGreaterThanOrEqual(30);
    // Not the 60 ms since the meter was made: the first reading moved the start.
    expect(second).toBeLessThan(58);
  });
});
