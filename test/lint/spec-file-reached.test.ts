/**
 * airbyte/spec-file-reached (scripts/lint/rules/spec-file-reached.js): the
 * `ignore` patterns of redocly.yaml (`*` within one name, `.` a dot), the
 * rule without `ignore`, and files named in path order.
 */
import { describe, expect, it } from "vitest";
import { lintFolder, rootDocument } from "./spec-folder.js";

const unreached = (file: string) =>
  `${file} is in the spec folder, but openapi.yaml never reaches it, so the client would not have it: reference it from the root (a path under \`paths:\`, a schema under \`components:\`) or delete it. If it is not a spec file, add it to \`ignore\` of airbyte/spec-file-reached in redocly.yaml.`;

const ROOT = rootDocument(`paths:
  /things:
    $ref: paths/things.yaml
`);
const THINGS = "get:\n  operationId: listThings\n  tags: [Things]\n  responses:\n    '200':\n      description: Ok.\n";

describe("airbyte/spec-file-reached", () => {
  it("with redocly.yaml's ignore list: `*` stays within one name and `.` is a dot; the rest is named in path order", async () => {
    const { mine, lineOf } = await lintFolder("spec-file-reached", {
      "openapi.yaml": ROOT,
      "paths/things.yaml": THINGS,
      "AUDIT.md": "# notes\n",
      "AUDITxmd": "not the audit notes\n",
      "DEVIATIONS-2024.yaml": "[]\n",
      "DEVIATIONS/old.yaml": "[]\n",
      "conformance-exceptions.yaml": "[]\n",
      "zz-notes.txt": "notes\n",
      "paths/widgets.yaml": THINGS,
    });
    const line = lineOf("paths:");
    expect(mine).toEqual(["AUDITxmd", "DEVIATIONS/old.yaml", "paths/widgets.yaml", "zz-notes.txt"].map((file) => ({ file: "openapi.yaml", line, message: unreached(file) })));
  });

  it("without `ignore`, names every file the root does not reach", async () => {
    const { mine, lineOf } = await lintFolder(
      "spec-file-reached",
      { "openapi.yaml": ROOT, "paths/things.yaml": THINGS, "AUDIT.md": "# notes\n" },
      "  airbyte/spec-file-reached: error\n",
    );
    expect(mine).toEqual([{ file: "openapi.yaml", line: lineOf("paths:"), message: unreached("AUDIT.md") }]);
  });
});
