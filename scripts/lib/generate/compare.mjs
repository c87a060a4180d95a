// Plain JavaScript (type-checked by // @ts-check): check:drift compares folders before any TypeScript loader.
// @ts-check
/**
 * What check:drift reports: the files of a folder compared byte for byte with
 * what the spec produces, and a short line diff for people.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { byCodePoint } from "../shared/order.mjs";
import { listFiles } from "../shared/write-atomic.mjs";

/**
 * @typedef {object} FolderDifference
 * @property {string} file
 * @property {"changed" | "missing" | "extra"} kind
 * @property {string} [diff]
 */

/**
 * Compares the folder `actual` (what is committed) with `expected` (what the spec produces).
 * "missing": expected but not in actual; "extra": in actual but not expected.
 * @param {ReadonlyMap<string, string>} expected
 * @param {string} actual
 * @returns {Promise<FolderDifference[]>}
 */
export async function compareWithFolder(expected, actual) {
  const have = await listFiles(actual);
  /** @type {FolderDifference[]} */
  const diffs = [];
  for (const [file, content] of [...expected].sort(([a], [b]) => byCodePoint(a, b))) {
    if (!have.includes(file)) {
      diffs.push({ file, kind: "missing" });
      continue;
    }
    const bytes = await readFile(join(actual, file));
    if (!bytes.equals(Buffer.from(content))) diffs.push({ file, kind: "changed", diff: shortDiff(bytes.toString("utf8"), content) });
  }
  for (const file of have) if (!expected.has(file)) diffs.push({ file, kind: "extra" });
  return diffs;
}

/**
 * A unified-style diff of the changed region: the common head and tail are
 * trimmed, the middle is shown (capped at `maxLines` lines each side) with two
 * lines of context.
 * @param {string} before
 * @param {string} after
 */
export function shortDiff(before, after, maxLines = 12) {
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
  const cap = (/** @type {string[]} */ xs, /** @type {string} */ sign) => [
    ...xs.slice(0, maxLines).map((l) => `${sign} ${l}`),
    ...(xs.length > maxLines ? [`${sign} … ${xs.length - maxLines} more line(s)`] : []),
  ];
  lines.push(...cap(a.slice(start, endA + 1), "-"), ...cap(b.slice(start, endB + 1), "+"));
  for (let i = endA + 1; i < Math.min(a.length, endA + 1 + context); i++) lines.push(`  ${a[i]}`);
  return lines.join("\n");
}
