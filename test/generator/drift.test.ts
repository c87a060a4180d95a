/**
 * The drift check itself: a spec change that generated/ does not reflect makes
 * `check:drift` fail with the file names, a diff and the fixing command; after
 * `generate` it passes again. Generation is deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";
import { copySpecWorkspace, type SpecWorkspace } from "../helpers/workspace.js";

let ws: SpecWorkspace;
beforeAll(async () => {
  ws = await copySpecWorkspace();
});
afterAll(() => ws.remove());

describe("check:drift", () => {
  it("passes on the committed spec and generated/", async () => {
    const result = await runScript("check-drift.ts", ws.args);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/matches .*openapi\.yaml \(5 files\)/);
  });

  it("fails on a new enum value, then generate makes it pass", async () => {
    await ws.edit("spec/components/schemas/OAuthActorNames.yaml", (t) => t.replace("  - zendesk-talk\n", "  - zendesk-talk\n  - zoho-crm\n"));
    const drift = await runScript("check-drift.ts", ws.args);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/openapi\.ts differs/);
    expect(drift.stderr).toMatch(/\+\s+\| "zoho-crm"/);
    expect(drift.stderr).toMatch(/Run `npm run generate -- --spec .* --out .*` and commit the result\./);

    const generate = await runScript("generate.ts", ws.args);
    expect(generate.code).toBe(0);
    expect((await runScript("check-drift.ts", ws.args)).code).toBe(0);
  });

  it("fails on a renamed field, naming every file that changes", async () => {
    await ws.edit("spec/components/schemas/InitiateOauthResponse.yaml", (t) => t.replaceAll("consentUrl", "consentURL"));
    // The operation's response example must follow, or lint (run first) rejects the spec.
    await ws.edit("spec/paths/sources@initiateOAuth.yaml", (t) => t.replaceAll("consentUrl:", "consentURL:"));
    const drift = await runScript("check-drift.ts", ws.args);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/openapi\.ts differs[\s\S]*-\s+consentUrl: string;[\s\S]*\+\s+consentURL: string;/);
    expect(drift.stderr).toMatch(/generated\/README\.md differs/);
    await runScript("generate.ts", ws.args);
    expect((await runScript("check-drift.ts", ws.args)).code).toBe(0);
  });

  it("is deterministic: generating twice gives the same bytes", async () => {
    await runScript("generate.ts", ws.args);
    const first = await ws.snapshotOut();
    await runScript("generate.ts", ws.args);
    expect(await ws.snapshotOut()).toEqual(first);
  });

  it("notices a file in generated/ that the spec does not produce", async () => {
    await ws.edit("generated/README.md", (t) => `${t}\nhand edit\n`);
    const drift = await runScript("check-drift.ts", ws.args);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/README\.md differs[\s\S]*hand edit/);
  });
});
