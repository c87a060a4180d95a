/** What README.md and docs/*.md name: repository paths, links, anchors and npm scripts, read so a test can check each exists. */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

/** Files a page may name that a build writes and git does not hold (see .gitignore). */
export const BUILT = new Set(["docs/index.html"]);

const stripFences = (text: string, keep: (lang: string) => boolean) =>
  text.replace(/^```([^\n]*)\n[\s\S]*?^```[ \t]*$/gm, (block, lang: string) => (keep(lang.trim()) ? block : ""));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/** The anchors of a page's headings (outside code blocks), numbered as GitHub does when one repeats. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of stripFences(text, () => false).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1] ?? "");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/**
 * Repository paths a page names: tokens that start with one of the
 * repository's top-level folders (`scripts/lib/...`, `spec/...`, `test/...`),
 * in prose, code spans and shell blocks (TypeScript blocks hold imports, not
 * paths; HTML comments are not read). Placeholders and globs (`<Name>`, `*`,
 * `{a,b}`) are not paths.
 */
export function namedPaths(text: string, topLevel: readonly string[]): string[] {
  // HTML comments are for tools (figure markers, a test's instructions), not paths a reader follows.
  const source = stripFences(text, (lang) => lang !== "ts").replace(/<!--[\s\S]*?-->/g, "");
  const start = topLevel.map((d) => d.replace(/[.]/g, "\\.")).join("|");
  const token = new RegExp(`(?<![\\w./@:-])(?:${start})/[\\w./@-]*`, "g");
  const found = new Set<string>();
  for (const m of source.matchAll(token)) {
    const end = source[m.index + m[0].length] ?? "";
    if (/[<*{]/.test(end)) continue;
    found.add(m[0].replace(/[.,:]+$/, ""));
  }
  return [...found];
}

/** Relative links `[text](target)`, split into the file (relative to the page) and the anchor. */
export function links(text: string): Array<{ file: string; anchor: string }> {
  const out: Array<{ file: string; anchor: string }> = [];
  for (const m of stripFences(text, () => false).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] ?? "";
    if (/^[a-z]+:/i.test(target)) continue;
    const [file = "", anchor = ""] = target.split("#");
    out.push({ file, anchor });
  }
  return out;
}

/** `npm run <script>` names. */
export function npmScripts(text: string): string[] {
  return [...new Set([...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1] ?? ""))];
}

/** Top-level folders of the repository that a page may point into. */
export function topLevelFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !["node_modules", ".git", "dist", "coverage", "reports"].includes(d.name) && !d.name.startsWith(".stryker"))
    .map((d) => d.name);
}

/** Problems with the paths and links of one page (`page` relative to the repository root). */
export function brokenReferences(root: string, page: string, text: string, anchorsOf: (file: string) => Set<string>): string[] {
  const problems: string[] = [];
  // Link targets are checked as links below, relative to the page.
  for (const path of namedPaths(text.replace(/\]\([^)\s]+\)/g, "]"), topLevelFolders(root))) {
    const file = path.split("#")[0] ?? path;
    if (!BUILT.has(file) && !existsSync(join(root, file))) problems.push(`${page}: names \`${path}\`, which does not exist`);
  }
  for (const { file, anchor } of links(text)) {
    const target = file === "" ? page : normalize(join(dirname(page), file));
    if (file !== "" && !BUILT.has(target) && !existsSync(join(root, target))) problems.push(`${page}: links to ${file}, which does not exist`);
    else if (anchor !== "" && target.endsWith(".md") && !anchorsOf(target).has(anchor)) problems.push(`${page}: links to ${file}#${anchor}, a heading that does not exist`);
  }
  return problems;
}
