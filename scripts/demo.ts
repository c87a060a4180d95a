/**
 * npm run demo: the README's OAuth app (examples/oauth-app.ts) end to end
 * against the mock, printing each step: start the app, open its connect URL,
 * follow the consent redirect, come back with secret_id, see the new source.
 *
 * Uses the mock at AIRBYTE_API_URL, else at http://127.0.0.1:4010/v1
 * (`npm run mock`), else starts one in this process.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { bundleSpec } from "./lib/spec/redocly.js";
import { defaultSpec, repoRoot } from "./lib/shared/paths.js";
import type { BundledSpec } from "./lib/generate/model.js";
import { startMock } from "./lib/mock/server.js";

const tsx = join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
const step = (n: number, text: string) => console.log(`${n}. ${text}`);

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function mockBaseUrl(): Promise<{ baseUrl: string; close?: () => Promise<void> }> {
  const given = process.env["AIRBYTE_API_URL"];
  if (given !== undefined) {
    if (await reachable(given)) return { baseUrl: given };
    throw new Error(
      `AIRBYTE_API_URL=${given} does not answer GET /health. Start the mock (npm run mock) or unset AIRBYTE_API_URL.`,
    );
  }
  const usual = "http://127.0.0.1:4010/v1";
  if (await reachable(usual)) return { baseUrl: usual };
  const mock = await startMock((await bundleSpec(defaultSpec)) as BundledSpec);
  console.log(`(no mock on ${usual}: started one for this demo on ${mock.baseUrl})`);
  return { baseUrl: mock.baseUrl, close: () => mock.close() };
}

async function main(): Promise<void> {
  const mock = await mockBaseUrl();
  const app = spawn(process.execPath, [tsx, join(repoRoot, "examples", "oauth-app.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      AIRBYTE_API_URL: mock.baseUrl,
      AIRBYTE_CLIENT_ID: "demo-client",
      AIRBYTE_CLIENT_SECRET: "demo-secret",
      AIRBYTE_WORKSPACE_ID: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let appErrors = "";
  app.stderr.on("data", (d: Buffer) => (appErrors += d.toString()));
  try {
    step(
      1,
      `Start the app (examples/oauth-app.ts, the README's OAuth example) against ${mock.baseUrl}`,
    );
    // The app listens on a port the OS picks and prints its URL.
    const appUrl = await new Promise<string>((resolve, reject) => {
      app.stdout.on("data", (d: Buffer) => {
        const line = d.toString().trim();
        const url = /Open (http:\/\/127\.0\.0\.1:\d+)\/connect\/github/.exec(line)?.[1];
        if (url) {
          console.log(`   app: ${line}`);
          resolve(url);
        }
      });
      app.once("exit", (code) =>
        reject(new Error(`the app exited with ${code}: ${appErrors.trim()}`)),
      );
    });
    const start = await fetch(`${appUrl}/connect/github`, { redirect: "manual" });
    const consentUrl = start.headers.get("location");
    if (start.status !== 302 || consentUrl === null)
      throw new Error(`GET /connect/github answered ${start.status}: ${await start.text()}`);
    step(
      2,
      `The user opens ${appUrl}/connect/github; the app calls initiateOAuth and redirects to the consent page:`,
    );
    console.log(`   ${consentUrl}`);
    const consent = await fetch(consentUrl, { redirect: "manual" });
    const airbyteCallback = consent.headers.get("location");
    if (consent.status !== 302 || airbyteCallback === null)
      throw new Error(`the consent page answered ${consent.status}: ${await consent.text()}`);
    const landing = await fetch(airbyteCallback, { redirect: "manual" });
    const callback = landing.headers.get("location");
    if (landing.status !== 302 || callback === null)
      throw new Error(
        `Airbyte's oauthCallback answered ${landing.status}: ${await landing.text()}`,
      );
    step(
      3,
      "The user consents; the identity provider sends them to Airbyte's oauthCallback, which stores a secret and redirects to the app:",
    );
    console.log(`   ${airbyteCallback}`);
    console.log(`   ${callback}`);
    const done = await fetch(callback);
    const text = await done.text();
    if (!done.ok) throw new Error(`the callback answered ${done.status}: ${text}`);
    step(4, "The app reads secret_id and calls createSource with it. It answers:");
    console.log(`   ${text}`);
    console.log("Done: the OAuth flow completed.");
  } finally {
    app.kill();
    await mock.close?.();
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
