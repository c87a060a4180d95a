import { it } from "vitest";
import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPipeline } from "../../scripts/lib/generate/pipeline.js";
it("x", async () => {
  const dir = await mkdtemp(join(tmpdir(), "gf-"));
  await writeFile(join(dir, "openapi.yaml"), `openapi: 3.1.0
paths:
  /a:
    get:
      operationId: getA
      tags: [Things]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: string
components:
  schemas:
    Problem:
      type: object
`);
  await writeFile(join(dir, "redocly.yaml"), `extends: []\nrules:\n  struct: off\n  operation-summary: warn\n`);
  try {
    const r = await runPipeline({ spec: join(dir, "openapi.yaml"), redoclyConfig: join(dir, "redocly.yaml"), outDir: join(dir, "generated") });
    console.log(r.warnings, r.files.get("README.md"), r.files.get("REFERENCE.md"), r.files.get("schemas.ts"));
  } catch (e) { console.log("ERR", e); }
  await rm(dir, { recursive: true });
});
