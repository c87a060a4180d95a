import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/run.js";
import { apiReport } from "./api-report.js";

describe("public type surface", () => {
  it("matches the reviewed API report", async () => {
    await expect(apiReport(repoRoot)).toMatchFileSnapshot("__snapshots__/api-report.md");
  });
});
