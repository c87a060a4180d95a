/**
 * `npm run docs` builds a reference that renders offline in Chromium, with the
 * OAuth operation and its request schema on the page, and requests nothing
 * from the network while it renders (no CDN logo, font or icon).
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";
import { launchChromium } from "./chromium.js";

let dir: string;
let html: string;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-docs-"));
  html = join(dir, "index.html");
  const result = await runScript("docs.ts", ["--out", html]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the HTML reference", () => {
  it.each([
    [
      "the initiateOAuth operation",
      "#/sources/initiateoauth",
      "sources/initiateoauth",
      ["initiateOAuth", "redirectUrl", "consentUrl"],
    ],
    [
      "the InitiateOauthRequest schema",
      "#/schemas/initiateoauthrequest",
      "schemas/initiateoauthrequest",
      ["InitiateOauthRequest", "redirectUrl", "sourceType", "workspaceId"],
    ],
  ])("shows %s", async (_name, hash, id, texts) => {
    expect((await stat(html)).size).toBeGreaterThan(100_000);
    const page = await browser.newPage();
    // Offline: nothing but the file itself may be needed to render, and nothing else is asked for.
    const remote: string[] = [];
    await page.route(/^https?:/, (route) => (remote.push(route.request().url()), route.abort()));
    await page.goto(`${pathToFileURL(html).href}${hash}`);
    const section = page.locator(`[id="${id}"]`);
    await section.waitFor({ state: "visible" });
    const text = await page.evaluate(() => document.body.innerText);
    for (const expected of texts) expect(text).toContain(expected);
    expect(remote).toEqual([]);
    await page.close();
  });
});
