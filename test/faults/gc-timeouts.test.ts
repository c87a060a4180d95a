/**
 * Timeouts survive garbage collection. fetch forwards an abort through the
 * Request's own AbortController, which undici holds only weakly: after a GC
 * the abort was lost and a call with `timeoutMs: 1000` settled after undici's
 * 300 s headers timeout. The transport races every fetch against the call's
 * own signal, held by the call's timers for its whole life.
 *
 * Run in a child `node --expose-gc` (forced collections every 100 ms): 50
 * concurrent calls with a real 2 s timeout to a server that never answers.
 * Each must settle with AirbyteTimeoutError within 100 ms of its own timer
 * firing (measured from the timer's callback, so a loaded machine's late
 * timers do not count) and within timeout + 1 s overall. On 839c885 all 50
 * were still pending 5 s after they started.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot, runNode } from "../helpers/run.js";

const TIMEOUT_MS = 2000;

it("calls with timeoutMs settle when their timer fires, whatever the garbage collector does", { timeout: 30_000 }, async () => {
  const child = join(repoRoot, "test", "faults", "children", "gc-timeouts.ts");
  const run = await runNode(["--expose-gc", "--import", "tsx", child], repoRoot, { GC_TIMEOUT_MS: String(TIMEOUT_MS) });
  expect(run.stderr).toBe("");
  const { settled, pending } = JSON.parse(run.stdout) as { settled: Array<{ ms: number; afterTimer: number | null; name: string }>; pending: number };
  expect(pending).toBe(0);
  expect(settled).toHaveLength(50);
  for (const call of settled) {
    expect(call.name).toBe("AirbyteTimeoutError");
    expect(call.afterTimer).not.toBeNull();
    expect(call.afterTimer).toBeLessThanOrEqual(100);
    expect(call.ms).toBeLessThanOrEqual(TIMEOUT_MS + 1000);
  }
});
