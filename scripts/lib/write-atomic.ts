/**
 * Replaces a folder's whole content in one step: the new files are written to a
 * sibling folder first, then swapped in by rename. If anything fails before the
 * swap, the folder is left exactly as it was.
 */
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

export async function replaceFolder(target: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = dirname(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `${basename(target)}.tmp-${stamp}`);
  const old = join(parent, `${basename(target)}.old-${stamp}`);
  try {
    await writeFiles(staging, files);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const hadTarget = await readdir(target).then(
    () => true,
    () => false,
  );
  if (hadTarget) await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadTarget) await rename(old, target);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadTarget) await rm(old, { recursive: true, force: true });
}
