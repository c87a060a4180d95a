/**
 * Part of the hostile suite's run against the packed package
 * (hostile.config.ts): proves the tests' `src/index.js` is the installed
 * package's build, not the sources, so a green run says something about the tarball.
 */
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import * as client from "../../src/index.js";

it("the suite's client is the packed package's build", async () => {
  const entry = process.env.AIRBYTE_CLIENT_ENTRY ?? "";
  expect(entry).toMatch(/[/\\]node_modules[/\\]airbyte-api-client[/\\]dist[/\\]/);
  const built = (await import(pathToFileURL(entry).href)) as typeof client;
  expect(client.createAirbyteClient).toBe(built.createAirbyteClient);
  expect(client.AirbyteError).toBe(built.AirbyteError);
});
