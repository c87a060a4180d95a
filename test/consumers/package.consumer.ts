/**
 * The package as users get it: the tarball packed once by global-setup.ts
 * (prepack builds dist/), installed into the shared consumer project. Checks
 * what ships, publint and arethetypeswrong, require and import, compiles the
 * README's OAuth example (examples/oauth-app.ts) with the repository's
 * TypeScript against the installed types, and runs it against a local fake of
 * Airbyte, driving it like a browser. Part of `npm run test:consumers` (moved
 * out of `npm test`, which packed the package once more for these alone).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../helpers/run.js";
import { json, startServer, type TestServer } from "../helpers/server.js";

const run = promisify(execFile);
const dir = inject("consumerDir");
const tarball = inject("tarball");
/** This file's output folder in the shared consumer project. */
const out = "package-out";
let airbyte: TestServer;
let app: ChildProcess | undefined;

beforeAll(async () => {
  await cp(join(repoRoot, "examples/oauth-app.ts"), join(dir, "oauth-app.ts"));
});

afterAll(async () => {
  app?.kill();
  await airbyte?.close();
  await rm(join(dir, out), { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships dist, README, LICENSE and CHANGELOG, with an import and a require entry", async () => {
    const manifest = JSON.parse(await readFile(join(dir, "node_modules/airbyte-api-client/package.json"), "utf8"));
    expect(manifest.exports["."]).toEqual({ require: "./dist/cjs/src/index.js", default: "./dist/src/index.js" });
    const files = await readdir(join(dir, "node_modules/airbyte-api-client"), { recursive: true });
    expect(files.some((f) => f.startsWith("src") || f.startsWith("spec") || f.startsWith("test") || f.endsWith(".map"))).toBe(false);
    for (const file of ["LICENSE", "CHANGELOG.md", "README.md", join("dist", "generated", "operations.js"), join("dist", "cjs", "package.json")]) {
      expect(files).toContain(file);
    }
    // The require shims hold no code of their own: only .d.ts copies and one-line re-exports.
    const cjsCode = files.filter((f) => f.startsWith(join("dist", "cjs")) && f.endsWith(".js"));
    expect(cjsCode.sort()).toEqual([join("dist", "cjs", "connectors", "index.js"), join("dist", "cjs", "src", "index.js"), join("dist", "cjs", "src", "validate", "index.js")]);
  });

  it("passes publint --strict and arethetypeswrong (node16 profile: CommonJS and ESM)", async () => {
    const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);
    const publint = await run(bin("publint"), [join(dir, "node_modules/airbyte-api-client"), "--strict"], { cwd: dir });
    expect(publint.stdout).toMatch(/All good!/);
    const attw = await run(bin("attw"), [tarball, "--profile", "node16", "--format", "ascii"], { cwd: dir }).catch(
      (e: { stdout: string; code: number }) => ({ stdout: e.stdout, failed: e.code }),
    );
    expect(attw).not.toHaveProperty("failed");
    expect(attw.stdout).toMatch(/node16 \(from CJS\): 🟢 \(CJS\)/);
  });

  it("can be required as well as imported, and both give the same module", async () => {
    const script = 'const c = require("airbyte-api-client"); import("airbyte-api-client").then((m) => console.log(typeof c.createAirbyteClient, m.AirbyteError === c.AirbyteError));';
    const { stdout, stderr } = await run(process.execPath, ["-e", script], { cwd: dir });
    expect({ stdout, stderr }).toEqual({ stdout: "function true\n", stderr: "" });
  });

  it("compiles the README's OAuth example with strict TypeScript against the installed types", async () => {
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const result = await run(
      process.execPath,
      [tsc, "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node",
        "--typeRoots", join(repoRoot, "node_modules/@types"), "--outDir", out, "oauth-app.ts"],
      { cwd: dir },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout, failed: true }));
    expect(result.stdout).toBe("");
  });

  it("runs the OAuth flow against a local Airbyte: initiate, consent, secret_id, createSource", async () => {
    airbyte = await startServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (req.method === "POST" && url.pathname === "/api/public/v1/applications/token") return json(res, 200, { access_token: "tok" });
      if (req.headers.authorization !== "Bearer tok" && !url.pathname.endsWith("/consent")) return json(res, 401, { title: "unauthorized" });
      if (url.pathname === "/api/public/v1/sources/initiateOAuth") {
        const body = JSON.parse(req.body) as { redirectUrl: string };
        return json(res, 200, { consentUrl: `${airbyte.origin}/consent?next=${encodeURIComponent(body.redirectUrl)}` });
      }
      if (url.pathname === "/consent") {
        res.writeHead(302, { location: `${url.searchParams.get("next")}?secret_id=sec-123` });
        return res.end();
      }
      if (url.pathname === "/api/public/v1/sources") {
        const body = JSON.parse(req.body) as { secretId: string; workspaceId: string; name: string };
        return json(res, 200, { sourceId: `src-for-${body.secretId}`, name: body.name, workspaceId: body.workspaceId, configuration: {}, createdAt: 1 });
      }
      json(res, 404, { title: "not-found" });
    });
    app = spawn(process.execPath, [`${out}/oauth-app.js`], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: "0",
        AIRBYTE_API_URL: `${airbyte.origin}/api/public/v1`,
        AIRBYTE_CLIENT_ID: "client",
        AIRBYTE_CLIENT_SECRET: "secret",
        AIRBYTE_WORKSPACE_ID: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
      },
    });
    // The app listens on a port the OS picks and prints its URL.
    const appUrl = await new Promise<string>((resolve, reject) => {
      app?.stdout?.on("data", (d: Buffer) => {
        const url = /Open (http:\/\/127\.0\.0\.1:\d+)\/connect\/github/.exec(d.toString())?.[1];
        if (url) resolve(url);
      });
      app?.on("exit", (code) => reject(new Error(`example exited with ${code}`)));
    });

    // The browser: our app -> consent page -> back to our app with secret_id.
    const start = await fetch(`${appUrl}/connect/github`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const consent = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    expect(consent.status).toBe(302);
    const callback = consent.headers.get("location") ?? "";
    expect(callback).toBe(`${appUrl}/oauth/callback?secret_id=sec-123`);
    const done = await fetch(callback);
    expect(await done.text()).toBe("Connected: source src-for-sec-123");

    const created = airbyte.requests.find((r) => r.url === "/api/public/v1/sources");
    expect(JSON.parse(created?.body ?? "{}")).toMatchObject({ secretId: "sec-123", configuration: { sourceType: "github" } });
  });
});
