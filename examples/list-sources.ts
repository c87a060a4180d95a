/**
 * Lists every source of a workspace, page by page, then item by item.
 * Run against the mock: `npm run mock`, then
 * AIRBYTE_API_URL=http://127.0.0.1:4010/v1 AIRBYTE_BEARER_TOKEN=any npx tsx examples/list-sources.ts
 */
import { createAirbyteClient } from "airbyte-api-client";

// Reads AIRBYTE_API_URL (unset: Airbyte Cloud) and AIRBYTE_BEARER_TOKEN (or AIRBYTE_CLIENT_ID + AIRBYTE_CLIENT_SECRET).
const airbyte = createAirbyteClient();
const workspaceIds = [process.env.AIRBYTE_WORKSPACE_ID ?? "871d9b60-11d1-44cb-8c92-c246d53bf87e"];

// One page at a time: `next` is the link to the following page ("" after the last one).
let pages = 0;
for await (const page of airbyte.sources.listSources({ workspaceIds, limit: 25 }).pages()) {
  pages += 1;
  console.log(`page ${pages}: ${page.data.length} sources${page.next ? "" : " (last)"}`);
}

// Or every source of every page, fetched as the loop needs them.
let count = 0;
for await (const source of airbyte.sources.listSources({ workspaceIds })) {
  count += 1;
  if (count <= 3) console.log(`${source.sourceId}  ${source.sourceType}  ${source.name}`);
}
console.log(`${count} sources in ${pages} pages`);
