/**
 * Type-level compatibility: the base commit's own type tests
 * (test/**\/*.test-d.ts) and README examples are code written against the old
 * client. Compiled against today's src/ and generated/, every error is a
 * change a consumer's code would trip over, named by file and line.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { extractTree } from "./git.js";

export interface TypeBreak {
  /** `test/client/types.test-d.ts` or `README.md` (the base's). */
  file: string;
  line: number;
  message: string;
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => join(e.parentPath, e.name));
}

/**
 * Every entry point of the package (`airbyte-api-client`,
 * `airbyte-api-client/connectors`, ...) mapped to today's sources: the
 * `exports` target without `dist/`, as the `.ts` source (src/) or the
 * `.d.ts` beside a generated `.js`; a target with neither is left out.
 */
export async function entryPoints(repoRoot: string): Promise<Record<string, string[]>> {
  const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { name?: string; exports?: Record<string, unknown> };
  const name = pkg.name ?? "airbyte-api-client";
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? { ".": "./dist/src/index.js" })) {
    const file = typeof target === "string" ? target : typeof target === "object" && target !== null ? (target as Record<string, unknown>).default : undefined;
    if (typeof file !== "string" || !file.endsWith(".js")) continue;
    const stem = join(repoRoot, file.replace(/^\.\//, "").replace(/^dist\//, "").replace(/\.js$/, ""));
    const source = [`${stem}.ts`, `${stem}.d.ts`].find((candidate) => existsSync(candidate));
    if (source) paths[subpath === "." ? name : `${name}/${subpath.replace(/^\.\//, "")}`] = [source];
  }
  return paths;
}

export async function typeBreaks(commit: string, repoRoot: string): Promise<TypeBreak[]> {
  const tree = await extractTree(commit, ["test", "README.md"], repoRoot);
  try {
    // The base's tests import ../../src and vitest: point those at today's code.
    for (const name of ["src", "generated", "node_modules"]) await symlink(join(repoRoot, name), join(tree.dir, name), "dir");
    // ESM like the repository, so the base's imports compile as they did there.
    await writeFile(join(tree.dir, "package.json"), JSON.stringify({ type: "module" }));
    const roots = await filesUnder(join(tree.dir, "test"), ".test-d.ts");
    // README examples: each ```ts block becomes a module; remember where it starts.
    const readmeLines = new Map<string, number>();
    const readme = await readFile(join(tree.dir, "README.md"), "utf8").catch(() => "");
    await mkdir(join(tree.dir, "readme"), { recursive: true });
    let i = 0;
    for (const match of readme.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const file = join(tree.dir, "readme", `example-${++i}.mts`);
      await writeFile(file, match[1] ?? "");
      readmeLines.set(file, readme.slice(0, match.index).split("\n").length + 1);
      roots.push(file);
    }
    if (roots.length === 0) return [];
    const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const options: ts.CompilerOptions = { ...config?.options, noEmit: true, paths: await entryPoints(repoRoot) };
    const program = ts.createProgram(roots, options);
    const rootSet = new Set(roots);
    const breaks: TypeBreak[] = [];
    const seen = new Set<string>();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      if (!d.file || !rootSet.has(d.file.fileName) || d.start === undefined) continue;
      const line = d.file.getLineAndCharacterOfPosition(d.start).line;
      const start = readmeLines.get(d.file.fileName);
      const found: TypeBreak = {
        file: start === undefined ? relative(tree.dir, d.file.fileName).split("\\").join("/") : "README.md",
        line: start === undefined ? line + 1 : start + line,
        message: ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " "),
      };
      const key = JSON.stringify(found);
      if (!seen.has(key)) breaks.push(found);
      seen.add(key);
    }
    // Code-point order, not localeCompare: the report must not depend on the machine's locale.
    return breaks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  } finally {
    await tree.remove();
  }
}
