import { createAirbyteClient } from "./src/index.ts";
import { interleave, pairedRatio } from "./bench/stats.ts";
const ITEMS = 10000, LIMIT = 100;
const pages = new Map<number, string>();
for (let offset = 0; offset <= ITEMS; offset += LIMIT) {
  const data = Array.from({ length: Math.min(LIMIT, ITEMS - offset) }, (_, i) => ({ sourceId: `18dccc91-0ab1-4f72-9ed7-${String(offset + i).padStart(12, "0")}`, name: `source ${offset + i}`, sourceType: "postgres", workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e", configuration: { host: "db.example.com", port: 5432 }, createdAt: 1_700_000_000 + offset + i }));
  pages.set(offset, JSON.stringify({ data, next: data.length === 0 ? "" : `https://api.airbyte.com/v1/sources?limit=${LIMIT}&offset=${offset + LIMIT}`, previous: "" }));
}
const fetch = async (request: Request) => new Response(pages.get(Number(new URL(request.url).searchParams.get("offset") ?? 0)) ?? '{"data":[],"next":""}', { headers: { "content-type": "application/json" } });
const airbyte = createAirbyteClient({ baseUrl: "https://api.airbyte.com/v1", fetch, auth: { bearerToken: "bench-token" } });
const cpu = (f: () => Promise<number>) => async () => { const c0 = process.cpuUsage(); const n = await f(); if (n !== ITEMS) throw new Error("n " + n); const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
const s = await interleave({
  pager: cpu(async () => { let n = 0; for await (const item of airbyte.sources.listSources({ limit: LIMIT }, {})) if (item.sourceId) n++; return n; }),
  pages: cpu(async () => { let n = 0; for await (const page of airbyte.sources.listSources({ limit: LIMIT }, {}).pages()) for (const item of page.data) if (item.sourceId) n++; return n; }),
  loop: cpu(async () => { let n = 0; for (let offset = 0; ;) { const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, {}); for (const item of page.data) if (item.sourceId) n++; if (page.data.length === 0 || !page.next) return n; offset += page.data.length; } }),
  loop2: cpu(async () => { let n = 0; for (let offset = 0; ;) { const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, {}); for (const item of page.data) if (item.sourceId) n++; if (page.data.length === 0 || !page.next) return n; offset += page.data.length; } }),
}, 40, 3);
for (const k of ["pager", "pages", "loop2"] as const) { const r = pairedRatio(s[k], s.loop); console.log(k, r.median.toFixed(3), r.q1.toFixed(3), r.q3.toFixed(3)); }
