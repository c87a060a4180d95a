/**
 * The installed package's declarations compile in a strict consumer project
 * (exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck: false)
 * on the minimum TypeScript this package documents, the current 5.x and 7.x,
 * under every module resolution a project may use. The examples/ scripts are
 * compiled in every ES module row.
 */
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../helpers/run.js";
import { run, typescript } from "./tools.js";
import { TYPESCRIPT_VERSIONS } from "./versions.js";

interface Row {
  name: string;
  module: string;
  moduleResolution: string;
  files: string[];
}
const EXAMPLES = ["oauth-app.ts", "list-sources.ts"];
const ROWS: Row[] = [
  {
    name: "nodenext, ES module",
    module: "nodenext",
    moduleResolution: "nodenext",
    files: ["strict-consumer.ts", ...EXAMPLES],
  },
  {
    name: "nodenext, CommonJS",
    module: "nodenext",
    moduleResolution: "nodenext",
    files: ["strict-consumer.cts"],
  },
  {
    name: "node16, ES module",
    module: "node16",
    moduleResolution: "node16",
    files: ["strict-consumer.ts", ...EXAMPLES],
  },
  {
    name: "node16, CommonJS",
    module: "node16",
    moduleResolution: "node16",
    files: ["strict-consumer.cts"],
  },
  {
    name: "bundler",
    module: "esnext",
    moduleResolution: "bundler",
    files: ["strict-consumer.ts", ...EXAMPLES],
  },
  { name: "node10", module: "commonjs", moduleResolution: "node10", files: ["strict-consumer.ts"] },
];

const dir = inject("consumerDir");
beforeAll(async () => {
  const consumer = join(import.meta.dirname, "fixtures", "strict-consumer.ts");
  await copyFile(consumer, join(dir, "strict-consumer.ts"));
  await copyFile(consumer, join(dir, "strict-consumer.cts"));
  for (const example of EXAMPLES)
    await copyFile(join(repoRoot, "examples", example), join(dir, example));
});

async function compile(tsc: string, row: Row, version: string): Promise<string> {
  const config = join(
    dir,
    `tsconfig.${version}.${row.module}.${row.moduleResolution}.${row.files[0]}.json`,
  );
  const compilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    target: "es2022",
    lib: ["es2022"],
    types: ["node"],
    module: row.module,
    moduleResolution: row.moduleResolution,
  };
  await writeFile(config, JSON.stringify({ compilerOptions, files: row.files }, null, 2));
  const result = await run(process.execPath, [tsc, "-p", config, "--pretty", "false"], {
    cwd: dir,
  }).catch((error: { stdout: string }) => ({
    stdout: error.stdout || "tsc failed without output",
  }));
  return result.stdout.trim();
}

describe.each(TYPESCRIPT_VERSIONS)("TypeScript %s", (version) => {
  let tsc = "";
  beforeAll(async () => {
    tsc = await typescript(dir, version);
    const installed = JSON.parse(await readFile(join(tsc, "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    expect(installed.version).toBe(version);
  });

  it.each(ROWS)("$name: no error", async (row) => {
    const output = await compile(tsc, row, version);
    // TypeScript 7 removed node10 resolution: it must say so, not fail on our types.
    if (version.startsWith("7.") && row.moduleResolution === "node10") {
      expect(output).toMatch(/: error TS5108: Option 'moduleResolution=node10' has been removed/);
    } else {
      expect(output).toBe("");
    }
  });
});

describe("the minimum is a real minimum", () => {
  it("TypeScript 5.3 fails on the installed declarations (so README states 5.4)", async () => {
    const tsc = await typescript(dir, "5.3.3");
    const output = await compile(tsc, ROWS[0] as Row, "5.3.3");
    expect(output).toMatch(
      /node_modules\/openapi-fetch\/dist\/index\.d\.mts\(\d+,\d+\): error TS2344/,
    );
  });
});
