/**
 * A consumer project installed from the packed tarball, in a temporary folder:
 * what users get, not what the repository's paths resolve to. Used by
 * `npm run bench:connectors` (the tests use the one pack of test:consumers).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../shared/paths.js";

const run = promisify(execFile);

export interface Consumer {
  dir: string;
  /** Unpacked size of the tarball, in bytes, as npm reports it. */
  unpackedSize: number;
  /** Writes `files` (name -> content) into the consumer folder. */
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Packs the repository as it stands (dist/ must be built: `npm run generate`
 * or `npm run build`; prepack is skipped so a test does not rebuild dist/ under
 * other tests) and installs the tarball into a new folder.
 */
export async function installConsumer(): Promise<Consumer> {
  if (!existsSync(join(repoRoot, "dist", "src", "index.d.ts"))) {
    throw new Error("dist/ is not built: run `npm run build` (or `npm run generate`) first.");
  }
  const dir = await mkdtemp(join(tmpdir(), "airbyte-connectors-consumer-"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const packed = await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repoRoot, maxBuffer: 64 << 20 });
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; unpackedSize: number }>;
  if (!info) throw new Error("npm pack reported no tarball");
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", join(dir, info.filename)], { cwd: dir, maxBuffer: 64 << 20 });
  return {
    dir,
    unpackedSize: info.unpackedSize,
    async write(files) {
      for (const [name, content] of Object.entries(files)) {
        await mkdir(join(dir, name, ".."), { recursive: true });
        await writeFile(join(dir, name), content);
      }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Strict NodeNext options, as a consumer's tsconfig.json would set them. */
export function consumerTsconfig(files: string[], skipLibCheck: boolean): string {
  return JSON.stringify({
    compilerOptions: { module: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck, types: [] },
    files,
  });
}

/** Three typed configurations in the calls that take them. */
export const THREE_TYPED = `import { createAirbyteClient } from "airbyte-api-client";
import type { DestinationConfiguration, SourceConfiguration, SourceConfigurationWithSecret } from "airbyte-api-client/connectors";

const airbyte = createAirbyteClient({ auth: { bearerToken: "token" } });
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
export const github = airbyte.sources.createSource({
  name: "GitHub",
  workspaceId,
  secretId: "secret",
  configuration: { sourceType: "github", repositories: ["airbytehq/airbyte"] } satisfies SourceConfigurationWithSecret<"github">,
});
export const postgres = airbyte.destinations.createDestination({
  name: "Warehouse",
  workspaceId,
  configuration: { destinationType: "postgres", host: "db", port: 5432, database: "w", schema: "public", username: "u" } satisfies DestinationConfiguration<"postgres">,
});
export const ads = airbyte.sources.createSource({
  name: "Ads",
  workspaceId,
  configuration: {
    sourceType: "google-ads",
    customer_id: "1234567890",
    credentials: { client_id: "id", client_secret: "secret", developer_token: "token", refresh_token: "refresh" },
  } satisfies SourceConfiguration<"google-ads">,
});
`;

/** The same calls with the open configuration, as a consumer writes them without the entry point. */
export const THREE_UNTYPED = `import { createAirbyteClient } from "airbyte-api-client";

const airbyte = createAirbyteClient({ auth: { bearerToken: "token" } });
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
export const github = airbyte.sources.createSource({ name: "GitHub", workspaceId, secretId: "secret", configuration: { sourceType: "github", repositories: ["airbytehq/airbyte"] } });
export const postgres = airbyte.destinations.createDestination({ name: "Warehouse", workspaceId, configuration: { destinationType: "postgres", host: "db" } });
export const ads = airbyte.sources.createSource({ name: "Ads", workspaceId, configuration: { sourceType: "google-ads", customer_id: "1234567890" } });
`;

/** One typed configuration, the way the README recommends for a copied config.json: through the helper. */
export const ONE_HELPER = `import { sourceConfiguration } from "airbyte-api-client/connectors";

export const github = sourceConfiguration("github", {
  repositories: ["airbytehq/airbyte"],
  credentials: { personal_access_token: "token" },
  start_date: "2025-01-01T00:00:00Z",
});
`;

/** One typed configuration as an annotation. */
export const ONE_ANNOTATED = `import type { SourceConfiguration } from "airbyte-api-client/connectors";

export const github: SourceConfiguration<"github"> = {
  sourceType: "github",
  repositories: ["airbytehq/airbyte"],
  credentials: { personal_access_token: "token" },
  start_date: "2025-01-01T00:00:00Z",
};
`;
