/**
 * Prettier for the generated files, one top-level statement at a time.
 * Prettier's memory grows with the size of what it formats (its AST and
 * document for a 2 MB openapi.ts take ~170 MB more), and in this process
 * it would come on top of everything generation has loaded; statement by
 * statement the peak stays near that of the largest statement. Top-level
 * statements are formatted independently by prettier anyway, so the output
 * is the same bytes (test/generator/format.test.ts pins it); blank lines
 * between statements are kept as prettier keeps them (at most one).
 */
import * as prettier from "prettier";
import { prettierConfig } from "./paths.js";

let prettierOptions: Promise<prettier.Options | null> | undefined;

async function formatWhole(code: string, fileName: string): Promise<string> {
  prettierOptions ??= prettier.resolveConfig(prettierConfig, { config: prettierConfig });
  // babel-ts prints our generated code byte for byte as the default typescript
  // parser does (the fixture snapshots and check:drift pin that) at half the CPU.
  const parser = fileName.endsWith(".ts") ? { parser: "babel-ts" } : {};
  return prettier.format(code, { ...((await prettierOptions) ?? {}), filepath: fileName, ...parser });
}

interface Chunk {
  code: string;
  /** Whether a blank line separated it from the chunk before. */
  blankBefore: boolean;
}

/**
 * Splits generated TypeScript before each line that starts a top-level
 * statement: a line in column 0 that does not continue the one before (not
 * `}`, `)` or `]`), after a line in column 0 that ends one (`;` or `}`, or a
 * `//` comment). Generated code has no multi-line strings, so column 0 is
 * only ever the top level.
 */
export function splitStatements(code: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let blank = false;
  let blankBefore = false;
  let previous = "";
  for (const line of code.split("\n")) {
    if (line.trim() === "") {
      if (current.length) blank = true;
      continue;
    }
    const startsStatement = /^[^\s})\]]/.test(line);
    const endsStatement = /^\S/.test(previous) && (/[;}]\s*$/.test(previous) || previous.startsWith("//"));
    if (current.length && startsStatement && endsStatement) {
      chunks.push({ code: `${current.join("\n")}\n`, blankBefore });
      current = [];
      blankBefore = blank;
    } else if (blank) {
      current.push("");
    }
    blank = false;
    current.push(line);
    previous = line;
  }
  if (current.length) chunks.push({ code: `${current.join("\n")}\n`, blankBefore });
  return chunks;
}

/** Each top-level statement in its own prettier call; rejects when one does not parse alone. */
export async function formatByStatement(code: string, fileName: string): Promise<string> {
  let out = "";
  for (const chunk of splitStatements(code)) {
    out += (chunk.blankBefore && out ? "\n" : "") + (await formatWhole(chunk.code, fileName));
  }
  return out;
}

/**
 * Formats one generated file. `byStatement` is for code printed by the
 * TypeScript printer (openapi-typescript's openapi.ts), whose indentation
 * marks the top level reliably; other emitters' raw output may not be
 * indented, so it is formatted in one call. A chunk prettier cannot parse
 * alone falls back to one call too.
 */
export async function formatGenerated(code: string, fileName: string, byStatement = false): Promise<string> {
  if (!byStatement) return formatWhole(code, fileName);
  return formatByStatement(code, fileName).catch(() => formatWhole(code, fileName));
}

/** The whole file in one prettier call: what formatGenerated must equal. */
export const formatInOneCall = formatWhole;
