/**
 * A maintainer following docs/changing-the-spec.md, word by word, in a
 * temporary clone of this repository's HEAD (`main` at HEAD, a `feature`
 * branch checked out, node_modules linked). Each `<!-- ... -->` line of the
 * page names what the fenced block after it is for:
 *
 *   <!-- append: <file> -->                  the block goes at the end of the file
 *   <!-- create: <file> -->                  the block is the new file
 *   <!-- insert-after: <file> | <text> -->   after the line containing <text>
 *   <!-- insert-before: <file> | <text> -->  before the line containing <text>
 *   <!-- delete-line: <file> | <text> -->    the first line that is <text> (trimmed) goes
 *   <!-- run -->                             each line of the block is a command, run in order
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./run.js";

export const GUIDE = "docs/changing-the-spec.md";

export interface Step {
  action: "append" | "create" | "insert-after" | "insert-before" | "delete-line" | "run";
  file?: string;
  anchor?: string;
  block: string;
}

/** The steps of the guide's section whose heading is `## <title>`. */
export async function guideSteps(title: string): Promise<Step[]> {
  const text = await readFile(join(repoRoot, GUIDE), "utf8");
  // The section runs to the next `## ` heading outside a fenced block (an AUDIT.md block holds `## ` lines).
  const lines = text.split("\n");
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`${GUIDE} has no section "## ${title}"`);
  let fence: string | undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const marker = /^(`{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker === fence))
      fence = fence === undefined ? marker : undefined;
    else if (fence === undefined && line.startsWith("## ")) {
      end = i;
      break;
    }
  }
  const section = `${lines.slice(start, end).join("\n")}\n`;
  const steps: Step[] = [];
  for (const m of section.matchAll(
    /<!-- ([a-z-]+)(?:: ([^|>]+?)(?: \| (.+?))?)? -->\n(`{3,})[a-z]*\n([\s\S]*?)\n\4\n/g,
  )) {
    steps.push({
      action: m[1] as Step["action"],
      file: m[2]?.trim(),
      anchor: m[3]?.trim(),
      block: `${m[5] ?? ""}\n`,
    });
  }
  if (steps.length === 0) throw new Error(`the section "${title}" of ${GUIDE} has no steps`);
  return steps;
}

export interface CommandRun {
  command: string;
  code: number;
  output: string;
  seconds: number;
}

export class Clone {
  private constructor(readonly dir: string) {}

  /** A clone of HEAD with `main` at HEAD and a `feature` branch checked out. */
  static async create(name: string): Promise<Clone> {
    const dir = await mkdtemp(join(tmpdir(), `airbyte-maintainer-${name}-`));
    const head = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: repoRoot,
      encoding: "utf8",
    }).trim();
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
        cwd: dir,
        stdio: "pipe",
      });
    execFileSync("git", ["clone", "-q", "--no-checkout", repoRoot, dir], { stdio: "pipe" });
    git("checkout", "-q", "-B", "main", head);
    git("checkout", "-q", "-b", "feature");
    await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    return new Clone(dir);
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }

  private async edit(file: string, change: (text: string) => string): Promise<void> {
    const path = join(this.dir, file);
    const before = await readFile(path, "utf8");
    const after = change(before);
    if (after === before) throw new Error(`the guide's edit of ${file} changed nothing`);
    await writeFile(path, after);
  }

  private lineIndex(lines: string[], anchor: string, file: string, exact = false): number {
    const at = lines.findIndex((l) => (exact ? l.trim() === anchor : l.includes(anchor)));
    if (at < 0)
      throw new Error(
        `${file} has no line ${exact ? "equal to" : "containing"} "${anchor}", which the guide names`,
      );
    return at;
  }

  /** Does one step; returns the commands it ran. */
  async apply(step: Step): Promise<CommandRun[]> {
    const file = step.file ?? "";
    const blockLines = step.block.replace(/\n$/, "").split("\n");
    switch (step.action) {
      case "create":
        await writeFile(join(this.dir, file), step.block, { flag: "wx" });
        return [];
      case "append":
        await this.edit(file, (t) => `${t.endsWith("\n") ? t : `${t}\n`}${step.block}`);
        return [];
      case "insert-after":
      case "insert-before":
        await this.edit(file, (t) => {
          const lines = t.split("\n");
          const at = this.lineIndex(lines, step.anchor ?? "", file);
          lines.splice(step.action === "insert-after" ? at + 1 : at, 0, ...blockLines);
          return lines.join("\n");
        });
        return [];
      case "delete-line":
        await this.edit(file, (t) => {
          const lines = t.split("\n");
          lines.splice(this.lineIndex(lines, step.anchor ?? "", file, true), 1);
          return lines.join("\n");
        });
        return [];
      case "run": {
        const runs: CommandRun[] = [];
        for (const command of blockLines.filter((l) => l.trim() && !l.startsWith("#"))) {
          runs.push(await this.run(command));
          if (runs.at(-1)?.code !== 0) break;
        }
        return runs;
      }
    }
  }

  run(command: string): Promise<CommandRun> {
    const started = performance.now();
    return new Promise((done) => {
      execFile(
        "sh",
        ["-c", command],
        {
          cwd: this.dir,
          maxBuffer: 256 * 1024 * 1024,
          env: { ...process.env, FORCE_COLOR: "0", GITHUB_ACTIONS: "" },
        },
        (error, stdout, stderr) =>
          done({
            command,
            code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
            output: `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, ""),
            seconds: (performance.now() - started) / 1000,
          }),
      );
    });
  }

  /** Follows the guide's section; returns every command run, stopping at the first that fails. */
  async follow(title: string): Promise<CommandRun[]> {
    const runs: CommandRun[] = [];
    for (const step of await guideSteps(title)) {
      const done = await this.apply(step);
      runs.push(...done);
      if (done.some((r) => r.code !== 0)) break;
    }
    return runs;
  }
}

/** The failing command's last lines, for an assertion message. */
export function explain(runs: readonly CommandRun[]): string {
  return runs
    .map(
      (r) =>
        `$ ${r.command}  (exit ${r.code}, ${r.seconds.toFixed(1)} s)${r.code !== 0 ? `\n${r.output.trim().split("\n").slice(-40).join("\n")}` : ""}`,
    )
    .join("\n");
}
