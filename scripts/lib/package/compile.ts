/**
 * Compiles src/ and generated/ into dist/ without type-checking them (that is
 * `npm run typecheck`'s job, part of `npm test`), one output per source file
 * as `tsc` lays them out:
 * - JavaScript (and its source map) by esbuild, file by file (no bundling);
 * - declarations of a types-only file (generated/openapi.ts, schemas.ts: the
 *   JavaScript is empty) are its own source text, which is already valid
 *   declaration syntax: printing 200 KB of types through TypeScript's
 *   declaration emitter again was the largest part of the old `tsc -b`;
 * - every other declaration by TypeScript's emitter with `noCheck`, which
 *   infers only the types a declaration needs instead of checking every body;
 *   or, with `isolatedDeclarations` on in the tsconfig, from each file alone.
 * The file list and compiler options come from scripts/tsconfig.build.json.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { repoRoot } from "../shared/paths.js";
import { stopwatch } from "../shared/stopwatch.js";

// Only TypeScript (cjs.ts would load Redocly and openapi-typescript too); by
// require, for the reason cjs.ts gives. After a generate it is already loaded.
const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");

export const buildConfig = join(repoRoot, "scripts", "tsconfig.build.json");

/** A compile error: a message naming the file, for the one-line CLI report. */
export class CompileError extends Error {
  override name = "CompileError";
}

function readConfig(config: string): import("typescript").ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new CompileError(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new CompileError(`cannot read ${config}`);
  if (parsed.errors.length) throw new CompileError(ts.flattenDiagnosticMessageText(parsed.errors[0]?.messageText ?? "", "\n"));
  return parsed;
}

/** Where `tsc` would put the output of `source` with extension `ext` (".js", ".d.ts", ...). */
function outputPath(source: string, outDir: string, rootDir: string, ext: string): string {
  return join(outDir, relative(rootDir, source)).replace(/\.ts$/, ext);
}

/** JavaScript of every file; resolves to the set of files whose JavaScript is empty (types only). */
async function emitJs(files: readonly string[], outDir: string, rootDir: string, tsconfig: string, target: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [...files],
    outdir: outDir,
    outbase: rootDir,
    bundle: false,
    format: "esm",
    platform: "node",
    target,
    sourcemap: true,
    write: false,
    logLevel: "silent",
    tsconfig,
  }).catch((error: { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }) => {
    const first = error.errors?.[0];
    throw new CompileError(first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ""}${first.text}` : String(error));
  });
  const typesOnly = new Set<string>();
  const written = new Map(result.outputFiles.map((f) => [f.path, f]));
  for (const source of files) {
    const js = written.get(outputPath(source, outDir, rootDir, ".js"));
    if (js && js.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, "").trim() === "") typesOnly.add(source);
  }
  await Promise.all(
    result.outputFiles.map(async (f) => {
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(f.path, f.contents);
    }),
  );
  return typesOnly;
}

type Put = (path: string, text: string) => void;

/** Every declaration through TypeScript's emitter without a type-check (one program for all files). */
function emitThroughProgram(parsed: import("typescript").ParsedCommandLine, files: readonly string[], put: Put): void {
  const host = ts.createCompilerHost(parsed.options);
  // Declarations copy comments from the source text; parsing JSDoc into
  // nodes (which only type-checking JavaScript needs) is a fifth of the parse.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noCheck: true, emitDeclarationOnly: true, declaration: true, incremental: false, tsBuildInfoFile: undefined },
    host,
  });
  for (const file of files) {
    const source = program.getSourceFile(file);
    const { emitSkipped, diagnostics } = source ? program.emit(source, put, undefined, true) : { emitSkipped: true, diagnostics: [] };
    if (emitSkipped) {
      const first = diagnostics[0];
      throw new CompileError(first ? ts.formatDiagnostic(first, host) : `no declarations emitted for ${relative(repoRoot, file)}`);
    }
  }
}

/**
 * With `isolatedDeclarations` on, each file's declarations come from its own
 * text (ts.transpileDeclaration): no program, no lib or @types/node to parse,
 * about 40% of the CPU here. A file that needs inference is an error naming it.
 *
 * Off for this repository (scripts/tsconfig.build.json): TypeScript 5.9's
 * transpileDeclaration writes a method with a computed well-known symbol
 * name (`static [Symbol.hasInstance]()`, `[Symbol.asyncIterator]()`) twice,
 * once as a property, which a consumer with skipLibCheck off rejects
 * (TS2300, duplicate identifier). And a class member keyed by our own symbol
 * (the errors' `static [ERROR_KIND]`) cannot be declared at all (TS9038).
 */
async function emitIsolated(parsed: import("typescript").ParsedCommandLine, files: readonly string[], put: Put, outDir: string, rootDir: string): Promise<void> {
  const compilerOptions = { ...parsed.options, declarationMap: false };
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const { outputText, diagnostics = [] } = ts.transpileDeclaration(text, { fileName: file, compilerOptions, reportDiagnostics: true });
    const first = diagnostics[0];
    if (first) {
      const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
      throw new CompileError(
        `${relative(process.cwd(), file)}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: ${ts.flattenDiagnosticMessageText(first.messageText, "\n")} ` +
          "(isolatedDeclarations is on: give it an explicit type, or turn the option off)",
      );
    }
    put(outputPath(file, outDir, rootDir, ".d.ts"), outputText);
  }
}

/** Declarations: types-only files as they are, the rest by emitIsolated or emitThroughProgram. */
async function emitDeclarations(parsed: import("typescript").ParsedCommandLine, typesOnly: ReadonlySet<string>, outDir: string, rootDir: string): Promise<void> {
  const writes: Array<Promise<void>> = [];
  const put: Put = (path, text) => void writes.push(mkdir(dirname(path), { recursive: true }).then(() => writeFile(path, text)));
  const rest: string[] = [];
  for (const file of parsed.fileNames) {
    if (typesOnly.has(file)) put(outputPath(file, outDir, rootDir, ".d.ts"), await readFile(file, "utf8"));
    else if (!file.endsWith(".d.ts")) rest.push(file);
  }
  if (parsed.options.isolatedDeclarations) await emitIsolated(parsed, rest, put, outDir, rootDir);
  else emitThroughProgram(parsed, rest, put);
  await Promise.all(writes);
}

/**
 * Compiles every file of a tsconfig (default scripts/tsconfig.build.json) into
 * its outDir; rejects with a CompileError naming the file.
 */
export async function compileDist(config = buildConfig): Promise<void> {
  const lap = stopwatch();
  const parsed = readConfig(config);
  const outDir = parsed.options.outDir ?? join(dirname(config), "dist");
  const rootDir = parsed.options.rootDir ?? dirname(config);
  const files = parsed.fileNames.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  // The tsconfig's target as esbuild spells it (TypeScript's enum names ESNext "Latest").
  const named = (ts.ScriptTarget[parsed.options.target ?? ts.ScriptTarget.ES2022] ?? "ES2022").toLowerCase();
  const target = named === "latest" ? "esnext" : named;
  const typesOnly = await emitJs(files, outDir, rootDir, config, target);
  lap("build: JavaScript");
  await emitDeclarations(parsed, typesOnly, outDir, rootDir);
  lap("build: declarations");
}
