/**
 * The build's compiler (scripts/lib/package/compile.ts) on a small project: one
 * output per source file as tsc lays them out, declarations that equal
 * TypeScript's own (including those it must infer), types-only files copied
 * as their declarations, and a syntax error reported by file and line.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileDist } from "../../scripts/lib/package/compile.js";

const TYPES = `/** What a box holds. */
export interface Thing {
  id: string;
}

export type Kind = "a" | "b";
`;

// Inferred return types, a computed class member and a declared field: what
// declarations cannot be written without TypeScript's checker.
const VALUES = `import type { Kind, Thing } from "./types.js";

export const KIND = Symbol.for("kind");

/** Makes a thing. */
export function make(id: string, kind: Kind = "a") {
  return { id, kind, tags: [] as string[] };
}

export class Box {
  static readonly [KIND]: string = "box";
  declare readonly label: string;
  constructor(readonly thing: Thing) {}
}
`;

const CONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022"],
    types: [],
    strict: true,
    verbatimModuleSyntax: true,
    declaration: true,
    rootDir: ".",
    outDir: "dist",
  },
  include: ["src"],
};

let dir: string;
const write = async (path: string, text: string) => {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
};
const read = (path: string) => readFile(join(dir, path), "utf8");

/** TypeScript's own declaration of `file` (a full program, as tsc emits it). */
function tscDeclaration(file: string, project = dir): string {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(project, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error("no config");
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, emitDeclarationOnly: true });
  let text = "";
  program.emit(program.getSourceFile(join(project, file)), (_, t) => (text = t), undefined, true);
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-compile-"));
  await write("package.json", `{ "type": "module" }\n`);
  await write("tsconfig.json", JSON.stringify(CONFIG));
  await write("src/types.ts", TYPES);
  await write("src/values.ts", VALUES);
  await write("src/nested/index.ts", `export { make } from "../values.js";\nexport type { Thing } from "../types.js";\n`);
  await compileDist(join(dir, "tsconfig.json"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("compiling a project to dist/", () => {
  it("writes one JavaScript file, source map and declaration per source file, in the source's layout", async () => {
    const files = (await readdir(join(dir, "dist"), { recursive: true })).map(String).filter((f) => /\.(js|ts|map)$/.test(f)).sort();
    expect(files).toEqual(
      ["nested/index", "types", "values"].flatMap((f) => [`src/${f}.d.ts`, `src/${f}.js`, `src/${f}.js.map`]).sort(),
    );
  });

  it("declarations equal TypeScript's, inferred types included", async () => {
    const ours = await read("dist/src/values.d.ts");
    expect(ours).toContain("export declare function make(id: string, kind?: Kind): {");
    expect(ours).toContain("static readonly [KIND]: string;");
    expect(ours).toBe(tscDeclaration("src/values.ts"));
    expect(await read("dist/src/nested/index.d.ts")).toBe(tscDeclaration("src/nested/index.ts"));
  });

  it("a types-only file's declarations are its source, and its JavaScript holds no code", async () => {
    expect(await read("dist/src/types.d.ts")).toBe(TYPES);
    expect((await read("dist/src/types.js")).replace(/\/\/# sourceMappingURL=.*\n?/, "").trim()).toBe("");
  });

  it("the JavaScript runs, with declared fields left out as TypeScript leaves them", async () => {
    const values = (await import(pathToFileURL(join(dir, "dist/src/nested/index.js")).href)) as { make: (id: string) => unknown };
    expect(values.make("x")).toEqual({ id: "x", kind: "a", tags: [] });
    const { Box, KIND } = (await import(pathToFileURL(join(dir, "dist/src/values.js")).href)) as {
      Box: (new (thing: object) => object) & Record<symbol, unknown>;
      KIND: symbol;
    };
    expect(Object.keys(new Box({ id: "1" }))).toEqual(["thing"]);
    expect(Box[KIND]).toBe("box");
  });

  it("with isolatedDeclarations, declarations come from each file alone, equal to TypeScript's; a file that needs inference is named", async () => {
    const isolated = join(dir, "isolated");
    await write("isolated/package.json", `{ "type": "module" }\n`);
    await write("isolated/tsconfig.json", JSON.stringify({ ...CONFIG, compilerOptions: { ...CONFIG.compilerOptions, isolatedDeclarations: true } }));
    await write("isolated/src/types.ts", TYPES);
    await write("isolated/src/annotated.ts", `import type { Thing } from "./types.js";\n/** Makes one. */\nexport function make(id: string): Thing {\n  return { id };\n}\n`);
    await compileDist(join(isolated, "tsconfig.json"));
    expect(await read("isolated/dist/src/annotated.d.ts")).toBe(tscDeclaration("src/annotated.ts", isolated));
    expect(await read("isolated/dist/src/annotated.d.ts")).toContain("export declare function make(id: string): Thing;");
    await write("isolated/src/inferred.ts", "export function twice(n: number) {\n  return n * 2;\n}\n");
    await expect(compileDist(join(isolated, "tsconfig.json"))).rejects.toThrow(/src\/inferred\.ts:1:\d+: .*explicit return type.*isolatedDeclarations is on/);
  });

  it("a syntax error rejects with the file and line", async () => {
    await write("src/broken.ts", "export const ok = 1;\nexport const = 2;\n");
    await expect(compileDist(join(dir, "tsconfig.json"))).rejects.toThrow(/src\/broken\.ts:2: /);
    await rm(join(dir, "src/broken.ts"));
  });
});
