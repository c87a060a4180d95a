/**
 * What the client costs a consumer's type-check: projects installed from the
 * packed tarball (scripts/lib/connectors/consumer.ts), type-checked by tsc
 * (strict, NodeNext, skipLibCheck on, as most projects run it), CPU time and
 * peak memory of the tsc process, in interleaved rounds:
 * - empty (`export {}`): the floor;
 * - 20 operations through this client;
 * - the same 20 operations through bare openapi-fetch over openapi-typescript's
 *   output for Airbyte's own api_sdk.yaml (only when that file is given:
 *   $AIRBYTE_API_SDK_YAML or /work/shared/upstream/api_sdk.yaml; it is not in the repository);
 * - the connectors figures (npm run bench:connectors's consumers): three calls
 *   with open configurations, and with typed ones.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { consumerTsconfig, installConsumer, THREE_TYPED, THREE_UNTYPED } from "../scripts/lib/connectors/consumer.js";
import { measure } from "./generate.js";
import type { Row } from "./report.js";
import { interleave, stat } from "./stats.js";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const openapiTypescript = join(dirname(require.resolve("openapi-typescript/package.json")), "bin", "cli.js");

/** [client group.method, HTTP method, path, path parameters] — operations both specs have. */
const OPERATIONS: Array<[string, "GET" | "DELETE", string, string[]]> = [
  ["sources.getSource", "GET", "/sources/{sourceId}", ["sourceId"]],
  ["sources.deleteSource", "DELETE", "/sources/{sourceId}", ["sourceId"]],
  ["sources.listSources", "GET", "/sources", []],
  ["destinations.getDestination", "GET", "/destinations/{destinationId}", ["destinationId"]],
  ["destinations.deleteDestination", "DELETE", "/destinations/{destinationId}", ["destinationId"]],
  ["destinations.listDestinations", "GET", "/destinations", []],
  ["connections.getConnection", "GET", "/connections/{connectionId}", ["connectionId"]],
  ["connections.deleteConnection", "DELETE", "/connections/{connectionId}", ["connectionId"]],
  ["connections.listConnections", "GET", "/connections", []],
  ["workspaces.getWorkspace", "GET", "/workspaces/{workspaceId}", ["workspaceId"]],
  ["workspaces.deleteWorkspace", "DELETE", "/workspaces/{workspaceId}", ["workspaceId"]],
  ["workspaces.listWorkspaces", "GET", "/workspaces", []],
  ["permissions.getPermission", "GET", "/permissions/{permissionId}", ["permissionId"]],
  ["permissions.deletePermission", "DELETE", "/permissions/{permissionId}", ["permissionId"]],
  ["tags.getTag", "GET", "/tags/{tagId}", ["tagId"]],
  ["tags.deleteTag", "DELETE", "/tags/{tagId}", ["tagId"]],
  ["tags.listTags", "GET", "/tags", []],
  ["sourceDefinitions.getSourceDefinition", "GET", "/workspaces/{workspaceId}/definitions/sources/{definitionId}", ["workspaceId", "definitionId"]],
  ["destinationDefinitions.getDestinationDefinition", "GET", "/workspaces/{workspaceId}/definitions/destinations/{definitionId}", ["workspaceId", "definitionId"]],
  ["declarativeSourceDefinitions.getDeclarativeSourceDefinition", "GET", "/workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}", ["workspaceId", "definitionId"]],
];

const ours = [
  'import { createAirbyteClient } from "airbyte-api-client";',
  'const airbyte = createAirbyteClient({ auth: { bearerToken: "token" } });',
  ...OPERATIONS.map(([call, , , params], i) => `export const r${i} = await airbyte.${call}(${params.map((p) => JSON.stringify(p)).join(", ")});`),
  "",
].join("\n");

const bare = [
  'import createClient from "openapi-fetch";',
  'import type { paths } from "./api-sdk.js";',
  'const client = createClient<paths>({ baseUrl: "https://api.airbyte.com/v1", headers: { Authorization: "Bearer token" } });',
  ...OPERATIONS.map(([, method, path, params], i) => {
    const init = params.length ? `, { params: { path: { ${params.map((p) => `${p}: "${p}"`).join(", ")} } } }` : "";
    return `export const r${i} = await client.${method}("${path}"${init});`;
  }),
  "",
].join("\n");

export function apiSdkYaml(): string | undefined {
  const candidates = [process.env.AIRBYTE_API_SDK_YAML, "/work/shared/upstream/api_sdk.yaml"];
  return candidates.find((file): file is string => file !== undefined && file !== "" && existsSync(file));
}

export async function benchConsumer({ rounds = 3 } = {}): Promise<Row[]> {
  const consumer = await installConsumer();
  try {
    const sdk = apiSdkYaml();
    const files: Record<string, string> = { "empty.ts": "export {};\n", "ours.ts": ours, "untyped.ts": THREE_UNTYPED, "typed.ts": THREE_TYPED };
    if (sdk) files["bare.ts"] = bare;
    for (const name of Object.keys(files)) files[`tsconfig.${name}.json`] = consumerTsconfig(name === "bare.ts" ? [name, "api-sdk.ts"] : [name], true);
    await consumer.write(files);
    // In the consumer's folder, so openapi-typescript lints with its own defaults, not this repository's redocly.yaml.
    if (sdk) await measure([process.execPath, openapiTypescript, sdk, "--output", join(consumer.dir, "api-sdk.ts")], {}, consumer.dir);
    const peak: Record<string, number[]> = {};
    const check = (name: string) => async () => {
      const s = await measure([process.execPath, tsc, "-p", `tsconfig.${name}.json`], {}, consumer.dir);
      (peak[name] ??= []).push(s.peakMiB ?? NaN);
      return s.cpuMs ?? s.wallMs;
    };
    const names = ["empty.ts", "ours.ts", "untyped.ts", "typed.ts", ...(sdk ? ["bare.ts"] : [])];
    const cpu: Record<string, number[]> = await interleave(Object.fromEntries(names.map((n) => [n, check(n)])), rounds);
    const s = (name: string) => stat(cpu[name] ?? []);
    const section = "Consumer type-check (tsc CPU time, strict NodeNext, skipLibCheck; project installed from the packed tarball)";
    const unit = "ms";
    const empty = { name: "empty consumer (`export {}`)", stat: s("empty.ts") };
    const bareRow = (figure: string, anchor: { name: string; stat: ReturnType<typeof stat> } | undefined, ours: ReturnType<typeof stat>): Row =>
      sdk && anchor ? { section, unit, figure, ours, anchor } : { section, unit, figure, skipped: "input absent (set AIRBYTE_API_SDK_YAML to Airbyte's api_sdk.yaml)" };
    const bareStat = sdk ? { name: "bare openapi-fetch + openapi-typescript of api_sdk.yaml, same 20 operations", stat: s("bare.ts") } : undefined;
    return [
      { section, unit, figure: "20 operations through this client", ours: s("ours.ts"), anchor: empty },
      bareRow("20 operations through this client, against bare openapi-typescript output", bareStat, s("ours.ts")),
      bareRow("20 operations, bare openapi-fetch + openapi-typescript of api_sdk.yaml (context)", empty, s("bare.ts")),
      { section, unit, figure: "connectors: three calls, open configurations", ours: s("untyped.ts"), anchor: empty },
      { section, unit, figure: "connectors: the same calls, typed configurations", ours: s("typed.ts"), anchor: { name: "open configurations", stat: s("untyped.ts") } },
      { section, unit: "MiB", figure: "peak memory, 20 operations through this client", ours: stat(peak["ours.ts"] ?? []), anchor: { name: "empty consumer", stat: stat(peak["empty.ts"] ?? []) } },
    ];
  } finally {
    await consumer.remove();
  }
}
