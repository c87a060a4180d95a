/**
 * Prettier for the generated files. openapi.ts, printed by the TypeScript
 * printer, gets prettier's layout without going through prettier whole
 * (formatPrinted below): that was the largest share of a cold generate's CPU,
 * and prettier's memory grows with what it formats (its AST and document for
 * a 2 MB openapi.ts take ~170 MB more). The other files, whose emitters'
 * raw output can be in any shape, go through prettier whole, or above 256 KB
 * in runs of whole top-level statements (formatByStatement).
 */
import * as prettier from "prettier";
import { ts } from "../shared/cjs-typescript.js";
import { prettierConfig } from "../shared/paths.js";

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

/** Prettier's printWidth for the generated files (.prettierrc.json), read once. */
async function printWidth(): Promise<number> {
  prettierOptions ??= prettier.resolveConfig(prettierConfig, { config: prettierConfig });
  return (await prettierOptions)?.printWidth ?? 80;
}

/**
 * The TypeScript printer's indentation (4 spaces a level, JSDoc lines one
 * more) as prettier's (2 spaces a level, JSDoc lines one more), without
 * trailing spaces (which prettier drops, in comments too). The printer writes
 * no string across lines, so no line ends inside one.
 */
function reindent(line: string): string {
  const spaces = line.length - line.trimStart().length;
  const jsDoc = spaces % 4;
  return " ".repeat((spaces - jsDoc) / 2 + jsDoc) + line.slice(spaces).trimEnd();
}

const isComment = (line: string) => /^\s*(\/\*\*|\*|\/\/)/.test(line);

/**
 * One member (a line ending in `;`) at `depth` levels of type literals, as
 * prettier breaks it: formatted inside as many wrapping type literals, so it
 * gets the width it has in place; undefined when the result is not that shape.
 */
async function formatMember(line: string, depth: number, fileName: string): Promise<string | undefined> {
  const open = Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}${i === 0 ? "type __ =" : "__:"} {`);
  const close = Array.from({ length: depth }, (_, i) => `${"  ".repeat(depth - 1 - i)}}${";"}`);
  const formatted = (await formatWhole([...open, line, ...close, ""].join("\n"), fileName)).split("\n");
  const inner = formatted.slice(depth, formatted.length - 1 - depth);
  const wrapped = [...formatted.slice(0, depth), ...formatted.slice(formatted.length - 1 - depth)];
  return wrapped.join("\n") === [...open, ...close, ""].join("\n") ? inner.join("\n") : undefined;
}

/**
 * Formats what the TypeScript printer wrote (openapi-typescript's openapi.ts)
 * the way prettier does, without prettier for all but the lines that need it.
 * The printer's output differs from prettier's only by its indentation and by
 * lines too long for printWidth (test/generator/format.test.ts pins the bytes
 * on the repository's spec and the fixtures): so the indentation is rewritten,
 * and each long member line goes through prettier alone, in place. A top-level
 * statement with a long line of any other shape goes through prettier whole.
 * Compared with prettier over the whole file this is a tenth of the CPU and
 * of the memory.
 */
export async function formatPrinted(code: string, fileName: string): Promise<string> {
  const width = await printWidth();
  let out = "";
  for (const chunk of splitStatements(code)) {
    const lines = chunk.code.split("\n").map(reindent);
    let formatted: string | undefined = "";
    for (const line of lines) {
      if (formatted === undefined) break;
      if (line.length <= width || isComment(line)) {
        formatted += `${line}\n`;
        continue;
      }
      const depth = (line.length - line.trimStart().length) / 2;
      const member = Number.isInteger(depth) && depth > 0 && line.endsWith(";") ? await formatMember(line, depth, fileName) : undefined;
      formatted = member === undefined ? undefined : `${formatted}${member}\n`;
    }
    const text = formatted === undefined ? await formatWhole(chunk.code, fileName) : formatted.slice(0, -1);
    out += (chunk.blankBefore && out ? "\n" : "") + text;
  }
  return out;
}

/**
 * Source size of one prettier call in formatByStatement: bounds its memory,
 * while few calls keep its per-call cost low (a smaller file is one call, not
 * even parsed to find its statements).
 */
const BATCH_CHARS = 256 * 1024;

/**
 * `code` cut between top-level statements, found by TypeScript's parser (so
 * any layout will do), into runs of whole statements of about `batchChars`
 * each, every statement with the comments before it (the last one with those
 * after it too); `blankBefore` when a blank line comes before the run, which
 * prettier keeps.
 */
export function statementBatches(code: string, fileName: string, batchChars = BATCH_CHARS): Chunk[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const batches: Chunk[] = [];
  let start = -1;
  let blankBefore = false;
  const statements = file.statements;
  statements.forEach((statement, i) => {
    if (start < 0) {
      const fullStart = statement.getFullStart();
      const leading = /^\s*/.exec(code.slice(fullStart, statement.getEnd()))?.[0] ?? "";
      start = fullStart + leading.length;
      blankBefore = /\n[^\S\n]*\n/.test(leading);
    }
    const end = statement.getEnd();
    const last = i === statements.length - 1;
    if (end - start >= batchChars || last) {
      // The last batch runs to the end of the file: comments after the last statement are kept.
      batches.push({ code: `${code.slice(start, last ? code.trimEnd().length : end)}\n`, blankBefore });
      start = -1;
    }
  });
  return batches;
}

/**
 * Runs of top-level statements in prettier calls of their own: prettier
 * prints top-level statements independently, so the bytes are those of one
 * call (test/generator/format.test.ts pins it), while prettier's memory stays
 * that of one run instead of growing with the file (the operation table of a
 * 10x spec is 1.3 MB).
 */
export async function formatByStatement(code: string, fileName: string, batchChars = BATCH_CHARS): Promise<string> {
  const batches = code.length <= batchChars ? [] : statementBatches(code, fileName, batchChars);
  // A small file, or one with no statement to cut it at (only comments), is one call.
  if (batches.length === 0) return formatWhole(code, fileName);
  let out = "";
  for (const chunk of batches) {
    out += (chunk.blankBefore && out ? "\n" : "") + (await formatWhole(chunk.code, fileName));
  }
  return out;
}

/**
 * Formats one generated file. `printed` is for code printed by the
 * TypeScript printer (openapi-typescript's openapi.ts): see formatPrinted.
 * Other emitters' output goes through prettier a statement at a time. Code
 * that prettier cannot parse a statement at a time is formatted whole.
 */
export async function formatGenerated(code: string, fileName: string, printed = false): Promise<string> {
  return (printed ? formatPrinted(code, fileName) : formatByStatement(code, fileName)).catch(() => formatWhole(code, fileName));
}

/** The whole file in one prettier call: what formatGenerated must equal. */
export const formatInOneCall = formatWhole;
