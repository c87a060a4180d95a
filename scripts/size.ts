/**
 * npm run size: bundle sizes against their budgets (issue 9), in `npm test`.
 *
 * Each consumer is bundled by esbuild (minified, ESM, platform neutral) and
 * gzipped, next to bare openapi-fetch making the same call. Bundles import
 * src/index.ts, the module graph dist/ is compiled from one to one, so no
 * build is needed first. When a budget fails, the largest inputs of that
 * bundle are listed (esbuild metafile), to show what grew.
 */
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { repoRoot } from "./lib/paths.js";

interface Case {
  name: string;
  budget: number;
  ours: string;
  bare: string;
  /** Text the bundle must contain, and text that must have been shaken out. */
  keeps: string[];
  drops: string[];
}

const oauthBody = `{ redirectUrl: "https://app.example.com/cb", sourceType: "github", workspaceId: "w" }`;
const cases: Case[] = [
  {
    name: "one operation (bearer auth, initiateOAuth)",
    budget: 5_000,
    ours: `import { bearer, createAirbyteCore, initiateOAuth } from "./src/index.ts";
const core = createAirbyteCore({ auth: bearer("token") });
console.log(await initiateOAuth(core, ${oauthBody}));`,
    keeps: ["/sources/initiateOAuth"],
    // Another operation's entry, the token provider (client credentials), openapi-fetch and pagination.
    drops: ["/sources/{sourceId}", "/applications/token", "querySerializer", "PagePromise"],
    bare: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.airbyte.com/v1", headers: { Authorization: "Bearer token" } });
console.log(await client.POST("/sources/initiateOAuth", { body: ${oauthBody} }));`,
  },
  {
    name: "the whole client",
    budget: 9_000,
    ours: `import { createAirbyteClient } from "./src/index.ts";
const airbyte = createAirbyteClient({ auth: { bearerToken: "token" } });
console.log(await airbyte.sources.initiateOAuth(${oauthBody}));`,
    keeps: ["/sources/initiateOAuth", "/sources/{sourceId}"],
    // openapi-fetch comes only with createRawClient.
    drops: ["querySerializer"],
    bare: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.airbyte.com/v1", headers: { Authorization: "Bearer token" } });
console.log(await client.POST("/sources/initiateOAuth", { body: ${oauthBody} }));`,
  },
];

async function bundle(contents: string): Promise<{ gzip: number; min: number; text: string; metafile: Metafile }> {
  const out = await build({
    stdin: { contents, resolveDir: repoRoot, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { gzip: gzipSync(code, { level: 9 }).length, min: code.length, text: new TextDecoder().decode(code), metafile: out.metafile };
}

function topInputs(metafile: Metafile, n = 8): string[] {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, n)
    .map(([file, { bytesInOutput }]) => `      ${String(bytesInOutput).padStart(7)} B  ${file}`);
}

let failed = false;
console.log("Bundle size (esbuild, minified, gzip -9):");
for (const c of cases) {
  const [ours, bare] = await Promise.all([bundle(c.ours), bundle(c.bare)]);
  const ok = ours.gzip <= c.budget;
  failed ||= !ok;
  console.log(
    `  ${ok ? "ok  " : "FAIL"} ${c.name}: ${ours.gzip} B gzip (budget ${c.budget} B; ${ours.min} B minified) | bare openapi-fetch, same call: ${bare.gzip} B gzip, ×${(ours.gzip / bare.gzip).toFixed(2)}`,
  );
  if (!ok) console.log(`    ${ours.gzip - c.budget} B over budget. Largest inputs (minified bytes in the bundle):\n${topInputs(ours.metafile).join("\n")}`);
  // Tree shaking, checked on the output itself: what a consumer does not use must not be there.
  for (const text of c.keeps.filter((t) => !ours.text.includes(t))) (failed = true), console.log(`    FAIL: the bundle lacks ${JSON.stringify(text)}`);
  for (const text of c.drops.filter((t) => ours.text.includes(t))) (failed = true), console.log(`    FAIL: ${JSON.stringify(text)} was not shaken out of the bundle`);
}
if (failed) {
  console.log("A budget failed: shrink the inputs listed above (or what grew since the last passing run), then run `npm run size` again.");
  process.exitCode = 1;
}
