/**
 * Per-call cost of one GET: this client's method against the bare
 * openapi-fetch call (and a hand-written fetch for context), on a node:http
 * server on 127.0.0.1 and with an in-memory fetch (no socket, so only the
 * client's own CPU shows).
 *
 * How it is measured, so that a shared, loaded 2-core machine does not decide
 * the verdict: each contender runs a batch of CALLS sequential calls, timed in
 * process CPU time (process.cpuUsage, user + system: time the process was
 * descheduled for another job does not count). Many short rounds run the contenders back
 * to back, their order rotated each round; a figure's ratio is the median of
 * the per-round ratios ours / anchor, with its quartiles, so a slow spell hits
 * both sides of a ratio alike.
 *
 * Each contender runs in a process of its own (call-worker.ts), so it pays
 * for its own garbage collections and nobody else's: in one shared heap, a
 * collection one contender caused landed on the next batch, whoever's it
 * was, and the same run measured the in-memory ratio at 1.2x or 2.0x. On
 * loopback each contender's process runs its own node:http server on
 * 127.0.0.1: its CPU per GET is the same for every contender and is
 * counted, as a user on a local server pays it.
 *
 * No GC is forced between batches: after a forced full GC, V8 starts its next
 * major GC within a few hundred calls, and its marking inflated every batch
 * about 4x. Batches of 2,000 calls amortise the collections a call's garbage
 * causes.
 *
 * Quick run (prints the rows, writes nothing; BENCH_ROUNDS=n for fewer rounds):
 *   npx tsx bench/calls.ts
 * Before/after in one run: BENCH_BASELINE=<another checkout> adds that
 * checkout's built client (its dist/, built there first) as contenders, e.g.
 * a `git worktree` of main with node_modules linked.
 *
 * The client measured is the built package (dist/, see client.ts), as users
 * run it: bare openapi-fetch is plain JavaScript too.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ContenderSpec } from "./call-worker.js";
import { ensureBuilt } from "./client.js";
import type { Row } from "./report.js";
import { interleave, pairedRatio, stat } from "./stats.js";
import { startWorker } from "./worker.js";

const worker = fileURLToPath(new URL("./call-worker.ts", import.meta.url));

/** A contender in its own process (see call-worker.ts): each call of the returned function is one batch, in CPU µs per call. */
async function spawnContender(spec: ContenderSpec, calls: number, children: Array<{ kill(): void }>, execPath: string): Promise<() => Promise<number>> {
  const child = await startWorker<{ calls: number }, { us?: unknown }>(worker, spec, { execPath, name: `the ${spec.who} contender (${spec.setting})` });
  children.push(child);
  return async () => {
    const { us } = await child.ask({ calls });
    if (typeof us !== "number") throw new Error(`bench: the ${spec.who} contender answered ${JSON.stringify(us)}`);
    return us;
  };
}

/** The contenders of one setting, each in its own process: this client (and the baseline's) under each option set, bare openapi-fetch with and without a signal, extras. */
async function contenders(
  checkouts: Array<[prefix: string, checkout: string | undefined]>,
  variants: Record<string, Omit<ContenderSpec, "who" | "setting" | "checkout">>,
  setting: ContenderSpec["setting"],
  extra: Record<string, ContenderSpec["who"]>,
  calls: number,
  children: Array<{ kill(): void }>,
  execPath: string,
): Promise<Record<string, () => Promise<number>>> {
  const specs: Record<string, ContenderSpec> = {};
  for (const [prefix, checkout] of checkouts) {
    for (const [name, variant] of Object.entries(variants)) specs[prefix + name] = { who: "client", setting, checkout, ...variant };
  }
  for (const [name, who] of Object.entries(extra)) specs[name] = { who, setting };
  const out: Record<string, () => Promise<number>> = {};
  // Started one after the other: a process loading tsx and the client is not measured, but two at once would slow each other.
  for (const [name, spec] of Object.entries(specs)) out[name] = await spawnContender(spec, calls, children, execPath);
  return out;
}

/** Another Node to measure on, found through npm (the `node` package brings its binary); undefined when npm cannot get it. */
function nodeBinary(major: string): { execPath: string; version: string } | undefined {
  try {
    const [execPath = "", version = ""] = execFileSync("npm", ["exec", "--yes", `--package=node@${major}`, "--", "node", "-p", "process.execPath + '\\n' + process.version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 180_000,
    })
      .trim()
      .split("\n");
    return execPath && version.startsWith(`v${major}.`) ? { execPath, version } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every row on this Node, then (BENCH_NODES, default "22,24": Node 20 is past its end of life, and the
 * consumer tests, npm run test:consumers, run the package on 22 and 24) the same rows on each of
 * those other than this Node's own major, in sections of their own.
 */
export async function benchCalls({ rounds = 31, calls = 2000, baseline = process.env.BENCH_BASELINE, nodes = process.env.BENCH_NODES ?? "22,24" } = {}): Promise<Row[]> {
  await ensureBuilt();
  if (baseline) await ensureBuilt(baseline);
  const out = await measureOn(process.execPath, undefined, { rounds, calls, baseline });
  const own = process.versions.node.split(".")[0];
  for (const major of nodes.split(",").map((n) => n.trim()).filter((n) => n && n !== own)) {
    const node = nodeBinary(major);
    if (!node) {
      out.push({ section: `Per GET on Node ${major}`, unit: "µs", figure: "every row", skipped: `npm could not bring node@${major} (npm exec --package=node@${major})` });
      continue;
    }
    out.push(...(await measureOn(node.execPath, node.version, { rounds, calls, baseline })));
  }
  return out;
}

async function measureOn(execPath: string, version: string | undefined, { rounds, calls, baseline }: { rounds: number; calls: number; baseline: string | undefined }): Promise<Row[]> {
  const children: Array<{ kill(): void }> = [];
  try {
    const checkouts: Array<[string, string | undefined]> = [["", undefined]];
    if (baseline) checkouts.push(["baseline ", baseline]);
    const loopContenders = await contenders(checkouts, { ours: {} }, "loopback", { bare: "bare", fetch: "fetch" }, calls, children, execPath);
    // Loopback rounds cost ~10x in-memory ones: fewer of them.
    const loop = await interleave(loopContenders, Math.max(5, Math.ceil(rounds / 2)), 3);
    for (const child of children.splice(0)) child.kill();
    const memContenders = await contenders(
      checkouts,
      { defaults: {}, noTimeout: { options: { timeoutMs: false } }, signal: { callerSignal: true } },
      "memory",
      { bare: "bare", bareSignal: "bareSignal" },
      calls,
      children,
      execPath,
    );
    const memory = await interleave(memContenders, rounds, 3);

    const on = version ? ` on Node ${version}` : "";
    const section = `Per GET${on} (CPU µs per call: process.cpuUsage over a batch of ${calls} sequential calls, each contender in its own process; ${rounds} interleaved rounds in memory, ${(loop.bare ?? []).length} on loopback)`;
    const signalCost = pairedRatio(memory.bareSignal ?? [], memory.bare ?? []).median;
    const unit = "µs";
    const rows = (prefix: string): Row[] => {
      const who = prefix ? ` (${prefix.trim()}: ${baseline})` : "";
      const row = (samples: Record<string, number[]>, name: string, figure: string, extra: Partial<Row>): Row => ({
        section,
        unit,
        figure: figure + who,
        ours: stat(samples[prefix + name] ?? []),
        anchor: { name: "bare openapi-fetch", stat: stat(samples.bare ?? []) },
        paired: pairedRatio(samples[prefix + name] ?? [], samples.bare ?? []),
        ...extra,
      });
      return [
        row(loop, "ours", "loopback (node:http on 127.0.0.1, in the contender's process), default options", {
          goal: { max: 1.1, on: "ratio" },
          ifMissed: "the remaining gap is the client's own per-call CPU (see the in-memory rows): fewer allocations per call (src/call.ts, src/send.ts).",
        }),
        row(memory, "defaults", "in-memory fetch, default options", {
          // Issue 18 item 5 (was 1.40-1.46x before the deadlines stopped using abort listeners and a signal on every Request).
          goal: { max: 1.25, on: "ratio" },
          note: version ? undefined : "previously 1.36x (bench/results.md, ffd5070), measured on src/ through tsx in one shared process",
          ifMissed: `the gap is the signal on the Request (a timed-out call must close its request on the network): bare openapi-fetch sending a fresh signal per call costs ${signalCost.toFixed(2)}x bare openapi-fetch in this run, before any client code (undici follows a Request's signal with a listener, a weak reference and a finalizer). Only a call without a signal meets the goal (the \`timeoutMs: false\` row), and a timed-out call without one leaves a hung server's socket open.`,
        }),
        row(memory, "noTimeout", "in-memory fetch, `timeoutMs: false`", {
          goal: { max: 1.15, on: "ratio" },
          ifMissed: "with no timeout the rest is the client's path itself: URL building, header merging and response parsing per call; precompute per operation.",
        }),
        row(memory, "signal", "in-memory fetch, caller signal", { note: "no goal in issues 11, 17, 18 or 20" }),
      ];
    };
    /** A context row (no goal): `ours` samples against `anchor` samples, back to back in each round. */
    const context = (figure: string, ours: number[] | undefined, anchorName: string, anchor: number[] | undefined, extra: Partial<Row> = {}): Row => ({
      section,
      unit,
      figure,
      ours: stat(ours ?? []),
      anchor: { name: anchorName, stat: stat(anchor ?? []) },
      paired: pairedRatio(ours ?? [], anchor ?? []),
      ...extra,
    });
    const out = rows("");
    out.splice(1, 0, context("loopback, hand-written fetch + JSON (context)", loop.fetch, "bare openapi-fetch", loop.bare));
    // Context: the price of the Request signal itself, which bare openapi-fetch pays too once it sends one.
    out.push(
      // Issue 18's 1.25x, measured like for like: the bare call sends a signal too, as any client that closes a
      // timed-out request must. (The row against bare openapi-fetch without one keeps the goal as the issue wrote it.)
      context("in-memory fetch, default options, against openapi-fetch doing the same work (a signal per call)", memory.defaults, "bare openapi-fetch, a signal per call", memory.bareSignal, {
        goal: { max: 1.25, on: "ratio" },
        ifMissed: "the client's own path per call: URL building, header merging, the deadlines and response parsing (src/call.ts, src/send.ts).",
      }),
      context("bare openapi-fetch with a signal per call (context: the price of a Request signal)", memory.bareSignal, "bare openapi-fetch", memory.bare),
    );
    if (baseline) {
      out.push(...rows("baseline "));
      // Before/after directly: this checkout against the baseline's client, back to back in each round.
      for (const [samples, name, figure] of [[loop, "ours", "loopback"], [memory, "defaults", "in-memory, default options"], [memory, "noTimeout", "in-memory, `timeoutMs: false`"], [memory, "signal", "in-memory, caller signal"]] as const) {
        const ours = samples[name] ?? [];
        const before = samples[`baseline ${name}`] ?? [];
        out.push({ section, unit, figure: `${figure}: this checkout against the baseline`, ours: stat(ours), anchor: { name: `baseline (${baseline})`, stat: stat(before) }, paired: pairedRatio(ours, before) });
      }
    }
    return out;
  } finally {
    for (const child of children) child.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { renderMarkdown, results } = await import("./report.js");
  const { describeMachine, finishMachine } = await import("./machine.js");
  const started = new Date();
  const machine = describeMachine();
  const rows = await benchCalls(process.env.BENCH_ROUNDS ? { rounds: Number(process.env.BENCH_ROUNDS) } : {});
  process.stdout.write(renderMarkdown(results(started, finishMachine(machine), rows)));
}
