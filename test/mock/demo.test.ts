/** `npm run demo`: the README's OAuth app completes the flow against the mock, printing each step. */
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";

describe("npm run demo", () => {
  it("starts the app, follows the consent redirects and shows the created source", async () => {
    // Pointing at a port nobody serves: the demo must say so in one line, not hang.
    const refused = await runScript("demo.ts", [], undefined, {
      AIRBYTE_API_URL: "http://127.0.0.1:9/v1",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      "demo failed: AIRBYTE_API_URL=http://127.0.0.1:9/v1 does not answer GET /health. Start the mock (npm run mock) or unset AIRBYTE_API_URL.",
    );

    const { code, stdout, stderr } = await runScript("demo.ts", [], undefined, {
      AIRBYTE_API_URL: undefined,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(
      [at("1. Start the app"), at("2. "), at("3. "), at("4. "), at("Done")].every(
        (i, n, all) => i >= 0 && (n === 0 || i > (all[n - 1] ?? 0)),
      ),
    ).toBe(true);
    expect(stdout).toMatch(/\/mock\/oauth\/consent\?state=/);
    expect(stdout).toMatch(/\/oauth\/callback\?secret_id=[0-9a-f-]{36}\n/);
    expect(stdout).toMatch(/ {3}Connected: source [0-9a-f-]{36}\n/);
  }, 60_000);
});
