/**
 * Load: 1,500 calls in three waves of 500 concurrent, across a token expiry and
 * a revocation. Exactly one token request per expiry, every call settles with
 * a result or a typed error, no unhandled rejection, and the process exits on
 * its own (no leaked timers or sockets).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, tsxImport } from "../helpers/run.js";

describe("500 concurrent calls with an expiring token", () => {
  it("one token per expiry, every call typed, and the process exits by itself", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // No process.exit in the scenario: it ends only when nothing keeps the event loop alive.
      const child = execFile(process.execPath, [...tsxImport, join(repoRoot, "test/faults/load-scenario.ts")], { timeout: 45_000 }, (error, out, err) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout: out, stderr: err }),
      );
      child.stdin?.end();
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // A timer left running (the default attempt timeout is 60 s) would hold the process past the 45 s kill.
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(summary).toEqual({
      first: { resolved: 490, typed: 10, untyped: 0 },
      second: { resolved: 490, typed: 10, untyped: 0 },
      third: { resolved: 490, typed: 10, untyped: 0 },
      tokensAfterFirst: 1,
      tokens: 3,
      unhandled: 0,
    });
  }, 60_000);
});
