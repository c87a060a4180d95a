/**
 * Byte-for-byte comparison of two folders, and a short line diff for people.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

export interface FolderDifference {
  file: string;
  kind: "changed" | "missing" | "extra";
  diff?: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  }
  await walk(dir);
  return out.sort();
}

/**
 * Compares `actual` (what is committed) with `expected` (what the spec produces).
 * "missing": expected but not in actual; "extra": in actual but not expected.
 */
export async function compareFolders(expected: string, actual: string): Promise<FolderDifference[]> {
  const [want, have] = await Promise.all([listFiles(expected), listFiles(actual)]);
  const diffs: FolderDifference[] = [];
  for (const file of want) {
    if (!have.includes(file)) {
      diffs.push({ file, kind: "missing" });
      continue;
    }
    const [a, b] = await Promise.all([readFile(join(actual, file)), readFile(join(expected, file))]);
    if (!a.equals(b)) diffs.push({ file, kind: "changed", diff: shortDiff(a.toString("utf8"), b.toString("utf8")) });
  }
  for (const file of have) if (!want.includes(file)) diffs.push({ file, kind: "extra" });
  return diffs;
}

/**
 * A unified-style diff of the changed region: the common head and tail are
 * trimmed, the middle is shown (capped at `maxLines` lines each side) with two
 * lines of context.
 */
export function shortDiff(before: string, after: string, maxLines = 12): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const context = 2;
  const from = Math.max(0, start - context);
  const lines = [`@@ line ${start + 1} @@`];
  for (let i = from; i < start; i++) lines.push(`  ${a[i]}`);
  const removed = a.slice(start, endA + 1);
  const added = b.slice(start, endB + 1);
  const cap = (xs: string[], sign: string) => [
    ...xs.slice(0, maxLines).map((l) => `${sign} ${l}`),
    ...(xs.length > maxLines ? [`${sign} … ${xs.length - maxLines} more line(s)`] : []),
  ];
  lines.push(...cap(removed, "-"), ...cap(added, "+"));
  for (let i = endA + 1; i < Math.min(a.length, endA + 1 + context); i++) lines.push(`  ${a[i]}`);
  return lines.join("\n");
}
