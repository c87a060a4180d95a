/**
 * Packs the package once (prepack builds dist/) and installs the tarball into
 * a fresh project that every consumer test uses, as `npm install` from the
 * registry would, preferring the local npm cache.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

const run = promisify(execFile);
const repoRoot = new URL("../..", import.meta.url).pathname;

declare module "vitest" {
  export interface ProvidedContext {
    /** A project with airbyte-api-client installed from the packed tarball. */
    consumerDir: string;
    tarball: string;
    /** The tarball's unpacked size in bytes, as `npm pack` reports it. */
    unpackedSize: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "airbyte-consumers-"));
  const packed = await run("npm", ["pack", "--pack-destination", dir, "--json"], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  // --json goes to stdout; prepack's build output may come first.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[\n"))) as Array<{ filename: string; unpackedSize: number }>;
  const tarball = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined || info === undefined) throw new Error("npm pack produced no tarball");
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  // @types/node at the version the repository pins, so it comes from the cache.
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      `./${tarball}`,
      "@types/node@20.19.43",
    ],
    { cwd: dir },
  );
  project.provide("consumerDir", dir);
  project.provide("tarball", join(dir, tarball));
  project.provide("unpackedSize", info.unpackedSize);
  return () => rm(dir, { recursive: true, force: true });
}
