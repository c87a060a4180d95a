/**
 * Parses every generated declaration file with the TypeScript compiler, so a
 * schema shape the emitter renders wrongly stops the run instead of shipping a
 * file that breaks every consumer's build.
 */
import type { Diagnostic } from "typescript";
import { ts } from "../shared/cjs-typescript.js";

export function syntaxErrors(files: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  for (const [name, code] of files) {
    if (!name.endsWith(".d.ts")) continue;
    const file = ts.createSourceFile(name, code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    // parseDiagnostics: the parser's own errors, without the cost of emitting.
    const diagnostics = (file as unknown as { parseDiagnostics?: readonly Diagnostic[] }).parseDiagnostics ?? [];
    for (const d of diagnostics) {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const at = where ? `:${where.line + 1}:${where.character + 1}` : "";
      errors.push(`${name}${at} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    }
  }
  return errors;
}
