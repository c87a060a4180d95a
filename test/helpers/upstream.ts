/**
 * Airbyte's published specs are reference data kept beside the repository,
 * never copied in: `../shared/upstream/` relative to the project root (the
 * layout of the machines this project is built on), or wherever
 * AIRBYTE_UPSTREAM_DIR points. Tests that compare against them skip with a
 * reason that names the folder when they are absent, and fail loudly when
 * AIRBYTE_UPSTREAM_DIR names a folder that is not there (.ci/run sets it
 * whenever the files are on the machine).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./run.js";

const configured = process.env.AIRBYTE_UPSTREAM_DIR;
export const upstreamDir = configured ?? join(repoRoot, "..", "shared", "upstream");
export const upstreamRequired = configured !== undefined;
export const hasUpstream = existsSync(join(upstreamDir, "api.yaml")) && existsSync(join(upstreamDir, "api_sdk.yaml"));
/** For test names: where the files were looked for. */
export const upstreamNote = hasUpstream ? `in ${upstreamDir}` : `skipped: no api.yaml and api_sdk.yaml in ${upstreamDir}; set AIRBYTE_UPSTREAM_DIR`;
