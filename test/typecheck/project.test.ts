/**
 * `tsc -p tsconfig.json`, the first half of `npm run typecheck` (src/,
 * generated/, scripts/, test/, examples/, bench/), as a test: the *.test-d.ts
 * type tests (expectTypeOf, @ts-expect-error) hold, and nothing else has a
 * type error.
 *
 * Why a test rather than vitest's own typecheck: vitest runs its tsc in a
 * group of its own after every other test file has finished, so on 2 cores the
 * check (4 s of one core with the build info, 11 s without) ran with the other
 * core idle. Here it overlaps the other files. Incremental: the build info
 * lives in node_modules/.cache, so an unchanged tree is re-checked from
 * hashes (one build info per checkout, a new checkout starting from another's:
 * see checkoutBuildInfo). `npx vitest --typecheck` still reports each type assertion on its
 * own when you need that.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runNode, type RunResult } from "../helpers/run.js";

interface TypeError {
  /** relative to the repository root */
  file: string;
  line: number;
  message: string;
}

let checked: Promise<RunResult & { errors: TypeError[] }> | undefined;
/** One tsc run for every test of this file. */
function check() {
  checked ??= (async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const buildInfo = await checkoutBuildInfo();
    const run = await runNode([tsc, "-p", join(repoRoot, "tsconfig.json"), "--pretty", "false", "--incremental", "--tsBuildInfoFile", buildInfo]);
    const errors: TypeError[] = [];
    // `file(line,col): error TS1234: message`, continued on indented lines.
    for (const line of run.stdout.split("\n")) {
      const m = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
      if (m) errors.push({ file: relative(repoRoot, join(repoRoot, m[1] ?? "")).split("\\").join("/"), line: Number(m[2]), message: m[3] ?? "" });
      else if (line.startsWith(" ") && errors.length) (errors.at(-1) as TypeError).message += `\n${line}`;
    }
    if (run.code === 0 || errors.length) await writeFile(`${buildInfo}.json`, JSON.stringify({ root: repoRoot }));
    return { ...run, errors };
  })();
  return checked;
}

/**
 * The build info of this checkout. Checkouts that share node_modules (git
 * worktrees, the temporary clones of test/ci and the bench) each have their
 * own, named by their path: one file for all made every run in another
 * checkout a full check. A checkout without one starts from the newest of
 * another checkout, its paths moved to this one: tsc compares each file's
 * content hash, so only what differs (a spec change's generated/ and what
 * depends on it) is checked again.
 */
async function checkoutBuildInfo(): Promise<string> {
  const folder = join(repoRoot, "node_modules", ".cache", "airbyte-api-client", "tsc");
  const name = `project-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 12)}.tsbuildinfo`;
  const own = join(folder, name);
  if (existsSync(own)) return own;
  await mkdir(folder, { recursive: true });
  const others = await Promise.all(
    (await readdir(folder))
      .filter((f) => /^project-[0-9a-f]+\.tsbuildinfo$/.test(f))
      .map(async (f) => ({ f, time: (await stat(join(folder, f))).mtimeMs })),
  );
  // Those of checkouts that are gone (the temporary clones) are only in the way.
  for (const { f } of others) {
    const root = await readFile(join(folder, `${f}.json`), "utf8").then((t) => (JSON.parse(t) as { root?: string }).root, () => undefined);
    if (root && !existsSync(root)) await Promise.all([f, `${f}.json`].map((g) => rm(join(folder, g), { force: true })));
  }
  for (const { f } of others.sort((a, b) => b.time - a.time)) {
    try {
      const { root } = JSON.parse(await readFile(join(folder, `${f}.json`), "utf8")) as { root: string };
      const info = JSON.parse(await readFile(join(folder, f), "utf8")) as { fileNames: string[]; options?: Record<string, unknown> };
      // Paths in a build info are relative to where it was written, as that checkout named the folder.
      const [from, to] = [root, repoRoot].map((r) => join(r, "node_modules", ".cache", "airbyte-api-client", "tsc"));
      info.fileNames = info.fileNames.map((file) => {
        const abs = resolve(from ?? "", file);
        const inside = relative(root, abs);
        const moved = inside.startsWith("..") || inside.startsWith("node_modules") ? abs : join(repoRoot, inside);
        return relative(to ?? "", moved).split("\\").join("/");
      });
      if (info.options) info.options.tsBuildInfoFile = `./${name}`;
      await writeFile(own, JSON.stringify(info));
      break;
    } catch {
      // not readable (an older layout, half written): try the next, or check in full
    }
  }
  return own;
}

const entries = await readdir(join(repoRoot, "test"), { recursive: true });
const typeTests = entries.filter((f) => f.endsWith(".test-d.ts")).map((f) => `test/${f.split("\\").join("/")}`).sort();

describe("tsconfig.json", () => {
  it("has type tests to check", () => {
    expect(typeTests.length).toBeGreaterThan(0);
  });

  it.each(typeTests)("%s: every type assertion holds", async (file) => {
    const { errors } = await check();
    expect(errors.filter((e) => e.file === file)).toEqual([]);
  }, 180_000);

  it("the rest of the project has no type error", async () => {
    const { code, stdout, stderr, errors } = await check();
    expect(errors.filter((e) => !typeTests.includes(e.file))).toEqual([]);
    // Whatever tsc says that is not an error at a place (a broken tsconfig) fails here.
    if (errors.length === 0) expect({ code, output: stdout + stderr }).toEqual({ code: 0, output: "" });
  }, 180_000);
});
