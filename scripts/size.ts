/**
 * npm run size: bundle sizes against their goals and limits, in `npm test`.
 *
 * Two numbers per bundle. The goal (`budget`) is the size we aim for, which
 * the client does not reach yet: a miss is reported on every run (and fails
 * with `--strict`). The limit (`ceiling`) is the size the client has reached,
 * plus 2%: going over it fails `npm test`, so the bundles can shrink towards
 * the goal but never grow unnoticed. Lower the limit whenever a change
 * shrinks a bundle.
 *
 * Each consumer is bundled by esbuild (minified, ESM, platform neutral) and
 * gzipped, next to bare openapi-fetch making the same call. Bundles import
 * src/index.ts, the module graph dist/ is compiled from one to one, so no
 * build is needed first. When a goal is missed, the largest inputs of that
 * bundle are listed (esbuild metafile), to show what grew.
 */
import type { Metafile } from "esbuild";
import { bundle, cases } from "./lib/package/bundle-size.js";

function topInputs(metafile: Metafile, n = 8): string[] {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, n)
    .map(([file, { bytesInOutput }]) => `      ${String(bytesInOutput).padStart(7)} B  ${file}`);
}

const strict = process.argv.includes("--strict");
let failed = false;
let missed = false;
console.log(`Bundle size (esbuild, minified, gzip -9)${strict ? ", --strict: the goals are enforced" : ""}:`);
for (const c of cases) {
  const [ours, bare] = await Promise.all([bundle(c.ours), bundle(c.bare)]);
  const withinBudget = ours.gzip <= c.budget;
  const withinCeiling = ours.gzip <= c.ceiling;
  missed ||= !withinBudget;
  failed ||= !withinCeiling || (strict && !withinBudget);
  const verdict = withinBudget ? "ok  " : withinCeiling && !strict ? "MISS" : "FAIL";
  console.log(
    `  ${verdict} ${c.name}: ${ours.gzip} B gzip (goal ${c.budget} B, limit ${c.ceiling} B; ${ours.min} B minified) | bare openapi-fetch, same call: ${bare.gzip} B gzip, ×${(ours.gzip / bare.gzip).toFixed(2)}`,
  );
  if (!withinBudget) {
    const over = withinCeiling ? `${ours.gzip - c.budget} B over the goal` : `${ours.gzip - c.ceiling} B over the limit (it grew)`;
    console.log(`    ${over}. Largest inputs (minified bytes in the bundle):\n${topInputs(ours.metafile).join("\n")}`);
  }
  // Tree shaking, checked on the output itself: what a consumer does not use must not be there.
  for (const text of c.keeps.filter((t) => !ours.text.includes(t))) (failed = true), console.log(`    FAIL: the bundle lacks ${JSON.stringify(text)}`);
  for (const text of c.drops.filter((t) => ours.text.includes(t))) (failed = true), console.log(`    FAIL: ${JSON.stringify(text)} was not shaken out of the bundle`);
}
if (failed) {
  console.log("A size check failed: shrink the inputs listed above (or what grew since the last passing run), then run `npm run size` again.");
  process.exitCode = 1;
} else if (missed) {
  console.log("The size goals are not met yet (MISS above); `npm run size -- --strict` enforces them.");
}
