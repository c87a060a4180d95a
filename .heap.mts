import { createAirbyteClient } from "./src/index.ts";
const ITEMS = 10000, LIMIT = 100;
const pages = new Map<number, string>();
for (let offset = 0; offset <= ITEMS; offset += LIMIT) {
  const data = Array.from({ length: Math.min(LIMIT, ITEMS - offset) }, (_, i) => ({ sourceId: `18dccc91-0ab1-4f72-9ed7-${String(offset + i).padStart(12, "0")}`, name: `source ${offset + i}`, sourceType: "postgres", workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e", configuration: { host: "db.example.com", port: 5432 }, createdAt: 1_700_000_000 + offset + i }));
  pages.set(offset, JSON.stringify({ data, next: data.length === 0 ? "" : `https://api.airbyte.com/v1/sources?limit=${LIMIT}&offset=${offset + LIMIT}`, previous: "" }));
}
const fetch = async (request: Request) => new Response(pages.get(Number(new URL(request.url).searchParams.get("offset") ?? 0)) ?? '{"data":[],"next":""}', { headers: { "content-type": "application/json" } });
const airbyte = createAirbyteClient({ baseUrl: "https://api.airbyte.com/v1", fetch, auth: { bearerToken: "bench-token" } });
const gc = (globalThis as any).gc;
const walks: Record<string, (s: () => void) => Promise<number>> = {
  pagerEmpty: async (s) => { let n = 0; for await (const item of airbyte.sources.listSources({ limit: LIMIT }, {})) if (item.sourceId && ++n % LIMIT === 0) s(); return n; },
  loopEmpty: async (s) => { let n = 0; for (let offset = 0; ;) { const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, {}); for (const item of page.data) if (item.sourceId) n++; s(); if (page.data.length === 0 || !page.next) return n; offset += page.data.length; } },
  pager: async (s) => { let n = 0; for await (const item of airbyte.sources.listSources({ limit: LIMIT })) if (item.sourceId && ++n % LIMIT === 0) s(); return n; },
  pages: async (s) => { let n = 0; for await (const page of airbyte.sources.listSources({ limit: LIMIT }).pages()) { for (const item of page.data) if (item.sourceId) n++; s(); } return n; },
  loop: async (s) => { let n = 0; for (let offset = 0; ;) { const page = await airbyte.sources.listSources({ limit: LIMIT, offset }); for (const item of page.data) if (item.sourceId) n++; s(); if (page.data.length === 0 || !page.next) return n; offset += page.data.length; } },
};
for (let r = 0; r < 4; r++) for (const [name, walk] of Object.entries(walks)) {
  gc(); const base = process.memoryUsage().heapUsed; let peak = base;
  const c0 = process.cpuUsage();
  const n = await walk(() => { const u = process.memoryUsage().heapUsed; if (u > peak) peak = u; });
  const c = process.cpuUsage(c0);
  if (r > 0) console.log(name.padEnd(6), ((peak - base) / 2 ** 20).toFixed(2), "MiB", ((c.user + c.system) / 1000).toFixed(1), "ms cpu", n);
}
