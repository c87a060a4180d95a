/**
 * The committed connectors/ folder is whole and matches its recorded input.
 * Without Airbyte's api_sdk.yaml (CI has no copy: it is not ours to commit)
 * the folder is checked for consistency; with it (AIRBYTE_API_SDK_YAML, or
 * ../shared/upstream/api_sdk.yaml beside the repository) it is regenerated in
 * memory and compared byte for byte, like `npm run connectors -- <file> --check`.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitConnectors } from "../../scripts/lib/connectors/emit.js";
import { readProvider } from "../../scripts/lib/connectors/read-provider.js";
import { syntaxErrors } from "../../scripts/lib/connectors/syntax-check.js";
import { repoRoot } from "../helpers/run.js";
import { upstreamDir } from "../helpers/upstream.js";

const folder = join(repoRoot, "generated", "connectors");
const committed = new Map<string, string>();
for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) {
    const path = join(entry.parentPath, entry.name);
    committed.set(path.slice(folder.length + 1).split("\\").join("/"), await readFile(path, "utf8"));
  }
}
const readme = committed.get("README.md") ?? "";
const sha256 = /sha256 `([0-9a-f]{64})`/.exec(readme)?.[1];
const input = process.env.AIRBYTE_API_SDK_YAML ?? join(upstreamDir, "api_sdk.yaml");

describe("connectors/ as committed", () => {
  it("records one input: every banner names the README's sha256", () => {
    expect(sha256).toBeDefined();
    for (const [name, code] of committed) {
      if (name.endsWith(".d.ts")) expect(code.split("\n")[0], name).toContain(`(sha256 ${sha256})`);
    }
  });

  it("has exactly the files its index names, and they parse", () => {
    const index = committed.get("index.d.ts") ?? "";
    const named = new Set([...index.matchAll(/import\("\.\/(.+?)\.js"\)/g)].map((m) => `${m[1]}.d.ts`));
    const support = ["index.d.ts", "brand.d.ts", "check.d.ts"];
    const declarations = [...committed.keys()].filter((n) => !support.includes(n) && n.endsWith(".d.ts"));
    expect(declarations.sort()).toEqual([...named].sort());
    expect(declarations.length).toBeGreaterThan(500);
    expect(syntaxErrors(committed)).toEqual([]);
  });

  it.runIf(existsSync(input))(`is what the generator makes of the recorded input, byte for byte (${existsSync(input) ? input : `skipped: no ${input}; set AIRBYTE_UPSTREAM_DIR`})`, async () => {
    const provider = await readProvider(input);
    expect(provider.sha256, `${input} is not the file connectors/ was generated from`).toBe(sha256);
    const [, source = "", date = ""] = /^- data: (.+), as of (\d{4}-\d{2}-\d{2})$/m.exec(readme) ?? [];
    const { files } = emitConnectors(provider, { source, date });
    expect([...files.keys()].sort()).toEqual([...committed.keys()].sort());
    for (const [name, code] of files) expect(committed.get(name) === code, `connectors/${name} differs`).toBe(true);
  });
});
