/**
 * Lint and bundle through the Redocly CLI pinned in package.json, so
 * `npm run lint:spec` and `npm run generate` judge the spec with one engine
 * and one configuration (redocly.yaml).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { displayPath, redoclyConfig } from "./paths.js";
import { SpecError, type SpecProblem } from "./spec-error.js";

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runRedocly(args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [redoclyBin, ...args],
      {
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

interface RedoclyLintJson {
  totals: { errors: number; warnings: number };
  problems: Array<{
    ruleId: string;
    severity: "error" | "warn";
    message: string;
    location?: Array<{ source?: { ref?: string }; start?: { line: number; col: number } }>;
  }>;
}

/** Lints the spec; resolves to its problems (errors and warnings). */
export async function lintSpec(specPath: string, config = redoclyConfig): Promise<SpecProblem[]> {
  const spec = resolve(specPath);
  const result = await runRedocly(["lint", spec, "--config", config, "--format", "json"]);
  let report: RedoclyLintJson;
  try {
    report = JSON.parse(result.stdout) as RedoclyLintJson;
  } catch {
    // Redocly could not even read the file (missing file, YAML syntax error...).
    throw new SpecError("lint", [
      {
        file: displayPath(spec),
        severity: "error",
        rule: "parse",
        message: cleanCliOutput(result.stderr || result.stdout),
      },
    ]);
  }
  return report.problems.map((p) => {
    const at = p.location?.[0];
    const ref = at?.source?.ref;
    return {
      // Redocly reports files relative to its working directory, which is ours.
      file: ref ? displayPath(resolve(ref)) : displayPath(spec),
      line: at?.start?.line,
      column: at?.start?.col,
      severity: p.severity === "error" ? "error" : "warning",
      rule: p.ruleId,
      message: p.message,
    };
  });
}

/** Joins the split spec into one document with internal `#/components/...` refs. */
export async function bundleSpec(specPath: string, config = redoclyConfig): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), "airbyte-bundle-"));
  try {
    const out = join(dir, "openapi.json");
    const result = await runRedocly(["bundle", resolve(specPath), "--config", config, "--output", out]);
    if (result.code !== 0) {
      throw new SpecError("bundle", [
        {
          file: displayPath(resolve(specPath)),
          severity: "error",
          rule: "bundle",
          message: cleanCliOutput(result.stderr || result.stdout),
        },
      ]);
    }
    return JSON.parse(await readFile(out, "utf8")) as unknown;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Drops the CLI's decorative banners so only what went wrong remains. */
function cleanCliOutput(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim() && !/[║╔╚]/.test(line))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}
