/**
 * The installed package in a browser: an esbuild bundle of a page, served from
 * one origin on 127.0.0.1, lists every source from the mock API on another
 * origin (so CORS and its preflight are real), in headless Chromium.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { COLLECTION_SIZE } from "../../scripts/lib/mock/paging.js";
import { startMock, type RunningMock } from "../../scripts/lib/mock/server.js";
import { launchChromium } from "./chromium.js";

const dir = inject("consumerDir");
let mock: RunningMock;
let site: Server;
let siteOrigin = "";
let browser: Browser;
let bundleBytes = 0;

beforeAll(async () => {
  // Bundled from the consumer project, so "airbyte-api-client" is the installed tarball.
  const result = await build({
    entryPoints: [join(import.meta.dirname, "fixtures", "page.ts")],
    absWorkingDir: dir,
    nodePaths: [join(dir, "node_modules")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const script = result.outputFiles[0]?.text ?? "";
  bundleBytes = Buffer.byteLength(script);
  site = createServer((req, res) => {
    if (req.url?.startsWith("/app.js"))
      return res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    res
      .writeHead(200, { "content-type": "text/html" })
      .end('<!doctype html><title>sources</title><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  mock = await startMock((await bundleSpec(defaultSpec)) as BundledSpec);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await mock?.close();
  await new Promise((resolve) => site?.close(resolve));
});

describe("in headless Chromium", () => {
  it("the bundled page lists every source of every page from another origin", async () => {
    expect(bundleBytes).toBeGreaterThan(0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) =>
      message.type() === "error" ? problems.push(message.text()) : undefined,
    );
    const pageRequests: string[] = [];
    page.on("request", (request) =>
      request.url().startsWith(mock.origin)
        ? pageRequests.push(`${request.method()} ${new URL(request.url()).search}`)
        : undefined,
    );

    await page.goto(`${siteOrigin}/?api=${encodeURIComponent(mock.baseUrl)}`);
    await page.waitForFunction(() => document.body.dataset["state"] !== undefined);

    expect(await page.evaluate(() => document.body.dataset["error"] ?? "")).toBe("");
    const items = await page.$$eval("#sources li", (lis) => lis.map((li) => li.textContent));
    expect(items).toHaveLength(COLLECTION_SIZE);
    expect(items[0]).toBe("Orders database 1 (postgres)");
    expect(new Set(items).size).toBe(COLLECTION_SIZE);
    // Three pages of 25, the last one short, then the empty page with next: "".
    expect(pageRequests).toEqual([
      "GET ?limit=25",
      "GET ?limit=25&offset=25",
      "GET ?limit=25&offset=50",
      "GET ?limit=25&offset=75",
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
