/**
 * The installed package runs on every supported Node line, imported (ESM) and
 * required (CommonJS through require(esm)), against the local mock API.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { startMock, type RunningMock } from "../../scripts/lib/mock/server.js";
import { nodeBinary, run } from "./tools.js";
import { NODE_VERSIONS } from "./versions.js";

const dir = inject("consumerDir");
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock((await bundleSpec(defaultSpec)) as BundledSpec);
  for (const file of ["esm.mjs", "cjs.cjs"])
    await copyFile(join(import.meta.dirname, "fixtures", file), join(dir, file));
});
afterAll(() => mock?.close());

describe.each(NODE_VERSIONS)("Node %s", (version) => {
  let node = "";
  beforeAll(async () => {
    node = await nodeBinary(version);
  });

  it.each([
    ["esm.mjs", "esm", {}],
    ["cjs.cjs", "cjs", { sameModule: true }],
  ])(
    "%s: calls the API, pages and throws typed errors, with no warning",
    async (file, system, extra) => {
      const { stdout, stderr } = await run(node, [file], {
        cwd: dir,
        env: { ...process.env, AIRBYTE_API_URL: mock.baseUrl },
      });
      expect(stderr).toBe("");
      expect(JSON.parse(stdout)).toEqual({
        node: `v${version}`,
        system,
        names: ["Orders database 1", "Orders database 2"],
        next: `${mock.baseUrl}/sources?limit=2&offset=2`,
        error: "AirbyteBadRequestError 400",
        ...extra,
      });
    },
  );
});
