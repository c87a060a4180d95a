/**
 * spec:diff's JSON report (`npm run spec:diff -- --json`), read by ci:pr and
 * `npm run release`. The contract:
 *
 *   { base, head, baseVersion, summary: { breaking, warning, nonBreaking, docs },
 *     bump, nextVersion, changes: [{ rule, impact, reason, operationId, where,
 *     message, file, line }], typeBreaks }
 *
 * Exit codes: 0 nothing breaking (or --allow-breaking), 1 a breaking change,
 * 2 bad input. An older spec:diff printed `{ base, changes: [{ impact,
 * operationId, where, what, id }], breaking, bump, typeBreaks }`: that shape
 * is read too, with no file or line.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import type { ChangeCounts } from "./bump.js";
import { isJsonObject as isRecord } from "../shared/openapi.mjs";

export type Impact = "breaking" | "warning" | "non-breaking" | "docs";

export interface SpecChange {
  rule: string;
  impact: Impact;
  reason: "types" | "requests" | "responses" | null;
  operationId: string;
  where: string;
  message: string;
  /** The spec file the change is in, relative to the repository root, when spec:diff knows it. */
  file: string | null;
  line: number | null;
}

export interface SpecDiffReport {
  base: string;
  head: string;
  baseVersion: string | null;
  summary: ChangeCounts;
  changes: SpecChange[];
  typeBreaks: unknown[] | null;
}

const IMPACTS: readonly Impact[] = ["breaking", "warning", "non-breaking", "docs"];

const text = (value: unknown, fallback = ""): string =>
  typeof value === "string" ? value : fallback;

/** Reads spec:diff's JSON output; throws with what was wrong when it is not that report. */
export function parseSpecDiff(json: string): SpecDiffReport {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(
      `spec:diff did not print JSON (${(error as Error).message}); it printed: ${json.slice(0, 300)}`,
    );
  }
  if (!isRecord(data) || !Array.isArray(data.changes))
    throw new Error(`spec:diff's JSON has no "changes" list: ${json.slice(0, 300)}`);
  const changes = data.changes.map((raw, i): SpecChange => {
    if (!isRecord(raw) || !IMPACTS.includes(raw.impact as Impact))
      throw new Error(`spec:diff's change ${i} has no known "impact" (${IMPACTS.join(", ")}).`);
    const reason =
      raw.reason === "types" || raw.reason === "requests" || raw.reason === "responses"
        ? raw.reason
        : null;
    return {
      rule: text(raw.rule, text(raw.id)),
      impact: raw.impact as Impact,
      reason,
      operationId: text(raw.operationId),
      where: text(raw.where),
      message: text(raw.message, text(raw.what)),
      file: typeof raw.file === "string" && raw.file ? raw.file : null,
      line:
        typeof raw.line === "number" && Number.isInteger(raw.line) && raw.line > 0
          ? raw.line
          : null,
    };
  });
  const count = (impact: Impact) => changes.filter((c) => c.impact === impact).length;
  const summary = isRecord(data.summary)
    ? {
        breaking: Number(data.summary.breaking ?? 0),
        warning: Number(data.summary.warning ?? 0),
        nonBreaking: Number(data.summary.nonBreaking ?? 0),
        docs: Number(data.summary.docs ?? 0),
      }
    : {
        breaking: count("breaking"),
        warning: count("warning"),
        nonBreaking: count("non-breaking"),
        docs: count("docs"),
      };
  return {
    base: text(data.base),
    head: text(data.head, "working tree"),
    baseVersion: typeof data.baseVersion === "string" ? data.baseVersion : null,
    summary,
    changes,
    typeBreaks: Array.isArray(data.typeBreaks) ? data.typeBreaks : null,
  };
}

export interface SpecDiffRun {
  /** 0 nothing breaking, 1 breaking, 2 bad input; anything else: it crashed. */
  code: number;
  report?: SpecDiffReport;
  stderr: string;
  /** Why the output could not be read, when the exit code promised a report. */
  unreadable?: string;
}

/** Runs `npm run spec:diff -- --json` (with `extraArgs`) in `root` and reads its report. */
export function runSpecDiff(root: string, extraArgs: string[] = []): Promise<SpecDiffRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, "scripts", "spec-diff.mjs"), "--json", ...extraArgs],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        if (code !== 0 && code !== 1) return done({ code, stderr });
        try {
          done({ code, stderr, report: parseSpecDiff(stdout) });
        } catch (e) {
          done({ code, stderr, unreadable: (e as Error).message });
        }
      },
    );
  });
}
