/**
 * generated/REFERENCE.md: one table of every client method (group, method,
 * HTTP call, arguments, result), written from the spec with the rest of
 * generated/ and so kept in sync by check:drift.
 */
import type { OperationModel } from "./model.js";

function args(op: OperationModel): string {
  const list = op.pathParams.map((p) => `${p.name}: ${p.display}`);
  if (op.body) list.push(`body${op.body.required ? "" : "?"}: ${op.body.display}`);
  if (op.queryParams.length) {
    const required = op.queryParams.some((q) => q.required);
    const fields = op.queryParams.map((q) => `${q.name}${q.required ? "" : "?"}: ${q.display}`).join("; ");
    list.push(`query${required ? "" : "?"}: { ${fields} }`);
  }
  list.push("options?");
  return list.join(", ");
}

function result(op: OperationModel): string {
  return op.pageItemType ? `PagePromise<${op.success.display}>` : `Promise<${op.success.display}>`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function emitReference(ops: readonly OperationModel[], title: string): string {
  const rows = ops.map(
    (op) =>
      `| ${op.group} | \`${op.operationId}\` | \`${op.method} ${op.path}\`${op.authenticated ? "" : " (public)"} | \`${cell(args(op))}\` | \`${cell(result(op))}\` |`,
  );
  const groups = new Set(ops.map((op) => op.group)).size;
  return `# Client reference: ${title}

Written by \`npm run generate\` from the spec; do not edit. ${ops.length} methods in ${groups} groups.
Call them as \`airbyte.<group>.<method>(...)\`: path parameters in path order, then the body or
the query object, then per-call options. Types are the spec's schemas, exported by name.
A \`PagePromise\` resolves to the first page; \`for await\` over it yields every item of every page.

| group | method | HTTP call | arguments | result |
| --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
}
