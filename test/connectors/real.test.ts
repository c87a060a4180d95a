/**
 * The connector types held against real configurations
 * (test/fixtures/connectors/real/: the integration-test configs of
 * airbytehq/airbyte and the Terraform provider's examples, each labelled by
 * ajv on its connector's schema): of those the schema accepts, at least 95%
 * compile through sourceConfiguration/destinationConfiguration; of those it
 * rejects, at least 90% do not. With the provider spec at hand
 * (AIRBYTE_API_SDK_YAML, or ../shared/upstream/api_sdk.yaml) the labels are
 * re-derived first, so a stale label cannot flatter the figures.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { figures, readRealConfigurations, typeCheckReal, type Outcome } from "../../scripts/lib/connectors/measure-real.js";
import { readProvider } from "../../scripts/lib/connectors/read-provider.js";
import { redactSecrets } from "../../scripts/lib/connectors/real-configs.js";
import { schemaVerdict } from "../../scripts/lib/connectors/verdict.js";
import { repoRoot } from "../helpers/run.js";
import { upstreamDir } from "../helpers/upstream.js";

/** Read before each test, so that the reading counts to the tests (see generator.test.ts). */
let entries: Awaited<ReturnType<typeof readRealConfigurations>>;
beforeEach(async () => {
  entries = await readRealConfigurations(join(repoRoot, "test", "fixtures", "connectors", "real"));
});
const input = process.env.AIRBYTE_API_SDK_YAML ?? join(upstreamDir, "api_sdk.yaml");

describe("real connector configurations", () => {
  it("are a sample of real files, each with its origin (repository, path, commit), none from a secrets/ folder", () => {
    expect(entries.length).toBeGreaterThanOrEqual(200);
    for (const { file, config } of entries) {
      expect(config.origin.repo, file).toMatch(/^airbytehq\/(airbyte|terraform-provider-airbyte)$/);
      expect(config.origin.commit, file).toMatch(/^[0-9a-f]{40}$/);
      expect(config.origin.path, file).not.toMatch(/(^|\/)secrets\//);
    }
    const repos = new Set(entries.map((e) => e.config.origin.repo));
    expect(repos.size).toBe(2);
  });

  it.skipIf(!existsSync(input))("carry the verdict ajv gives on the provider's schema, every airbyte_secret value replaced by a placeholder", async () => {
    const provider = await readProvider(input);
    for (const { file, config } of entries) {
      const connector = provider.connectors.find((c) => c.kind === config.kind && c.name === config.name);
      expect(connector, file).toBeDefined();
      if (!connector) continue;
      expect(schemaVerdict(connector, config.configuration).valid, file).toBe(config.schema.valid);
      expect(redactSecrets(config.configuration, connector.create), file).toEqual(config.configuration);
    }
  }, 120_000);

  it("compile through the helpers when the schema accepts them (>= 95%) and fail when it rejects them (>= 90%)", () => {
    const outcomes: Outcome[] = typeCheckReal(entries, repoRoot);
    const f = figures(outcomes);
    const wronglyRejected = outcomes.filter((o) => o.config.schema.valid && !o.compiles.helper).map((o) => `${o.file}: ${o.error.helper}`);
    const wronglyAccepted = outcomes.filter((o) => !o.config.schema.valid && o.compiles.helper).map((o) => `${o.file}: ${o.config.schema.errors.join("; ")}`);
    expect(f.validCompile.helper / f.valid, wronglyRejected.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(f.invalidRejected.helper / f.invalid, wronglyAccepted.join("\n")).toBeGreaterThanOrEqual(0.9);
    // The annotation path keeps its excess-property check: fewer valid configurations pass it as written.
    expect(f.validCompile.annotation).toBeLessThan(f.validCompile.helper);
  }, 600_000);
});
