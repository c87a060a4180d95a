/** The provider's reference specs are where AIRBYTE_UPSTREAM_DIR says: a run that asked for them never skips silently. */
import { describe, expect, it } from "vitest";
import { hasUpstream, upstreamDir, upstreamRequired } from "../helpers/upstream.js";

describe("the provider's reference specs", () => {
  it.runIf(upstreamRequired)("are present in AIRBYTE_UPSTREAM_DIR when it is set", () => {
    expect(hasUpstream, `AIRBYTE_UPSTREAM_DIR=${upstreamDir} holds no api.yaml and api_sdk.yaml: point it at the folder of Airbyte's published specs, or unset it to skip the comparisons`).toBe(true);
  });
});
