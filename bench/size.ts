/** Bundle size (esbuild, minified; gzip -9) of npm run size's consumers, beside bare openapi-fetch making the same call. */
import { bundle, cases } from "../scripts/lib/package/bundle-size.js";
import type { Row } from "./report.js";

const once = (x: number) => ({ median: x, min: x, max: x, rounds: 1 });

export async function benchSize(): Promise<Row[]> {
  const section = "Bundle size (esbuild, minified, ESM; gzip -9; deterministic, one build each)";
  const rows: Row[] = [];
  for (const c of cases) {
    const [ours, bare] = await Promise.all([bundle(c.ours), bundle(c.bare)]);
    const anchor = "bare openapi-fetch, same call";
    rows.push({ section, unit: "B", figure: `${c.name}, gzip`, ours: once(ours.gzip), anchor: { name: anchor, stat: once(bare.gzip) }, goal: { max: c.budget, on: "value" }, note: "goal: npm run size's budget (issue 9)" });
    rows.push({ section, unit: "B", figure: `${c.name}, minified`, ours: once(ours.min), anchor: { name: anchor, stat: once(bare.min) } });
  }
  return rows;
}
