// Plain JavaScript (type-checked by // @ts-check): generate prints its summary from the plain entry point.
// @ts-check
/**
 * The short summary `npm run generate` ends with: which operations and types
 * of the generated client were added, removed or changed, read from the old
 * and new generated files (REFERENCE.md rows and the openapi.ts blocks of
 * `operations` and `components.schemas`), so it also works against a
 * generated/ written by an older version of the generator.
 */

/**
 * The members of a TypeScript interface block, by name, each with its doc comment.
 * @param {string} code
 * @param {RegExp} start the line that opens the block
 * @param {string} indent the indentation of its members
 * @returns {Map<string, string>}
 */
function membersOf(code, start, indent) {
  /** @type {Map<string, string>} */
  const members = new Map();
  const lines = code.split("\n");
  let i = lines.findIndex((l) => start.test(l));
  if (i < 0) return members;
  const close = `${indent.slice(2)}}`;
  const member = new RegExp(`^${indent}(?:"([^"]+)"|([A-Za-z_$][\\w$]*))\\??:`);
  /** @type {string[]} */
  let pending = [];
  /** @type {string[] | undefined} */
  let current;
  for (i++; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith(close) && !line.startsWith(indent)) break;
    const m = member.exec(line);
    if (m) {
      current = [...pending, line];
      pending = [];
      members.set(m[1] ?? m[2] ?? "", ""); // keep order
      members.set(m[1] ?? m[2] ?? "", current.join("\n"));
      continue;
    }
    if (line.startsWith(`${indent}/**`) || (pending.length && line.startsWith(`${indent} `))) {
      pending.push(line);
      continue;
    }
    if (current) {
      current.push(line);
      const name = [...members.keys()].at(-1) ?? "";
      members.set(name, current.join("\n"));
    }
  }
  return members;
}

/**
 * @param {ReadonlyMap<string, string>} files
 */
function modelOf(files) {
  const types = files.get("openapi.ts") ?? "";
  const reference = files.get("REFERENCE.md") ?? "";
  /** @type {Map<string, string>} */
  const operations = new Map();
  const bodies = membersOf(types, /^export interface operations \{/, "  ");
  for (const row of reference.split("\n")) {
    const m = /^\| [^|]+ \| `([^`]+)` \|/.exec(row);
    if (m?.[1]) operations.set(m[1], `${row}\n${bodies.get(m[1]) ?? ""}`);
  }
  for (const [name, body] of bodies) if (!operations.has(name)) operations.set(name, body);
  return { operations, types: membersOf(types, /^ {2}schemas: \{/, "    ") };
}

/**
 * @param {Map<string, string>} before
 * @param {Map<string, string>} after
 */
function diffNames(before, after) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

/**
 * @typedef {{ added: string[], removed: string[], changed: string[] }} NameChanges
 * @typedef {{ operations: NameChanges, types: NameChanges }} ClientChanges
 */

/**
 * @param {ReadonlyMap<string, string>} before the generated files as they were (empty when there were none)
 * @param {ReadonlyMap<string, string>} after the generated files as they are now
 * @returns {ClientChanges}
 */
export function clientChanges(before, after) {
  const a = modelOf(before);
  const b = modelOf(after);
  return { operations: diffNames(a.operations, b.operations), types: diffNames(a.types, b.types) };
}

/**
 * @param {ClientChanges} changes
 * @returns {string}
 */
export function formatClientChanges(changes) {
  const list = (/** @type {string[]} */ names) =>
    names.length > 8 ? `${names.slice(0, 8).join(", ")} and ${names.length - 8} more` : names.join(", ");
  const part = (/** @type {string} */ word, /** @type {string[]} */ names) => (names.length ? `${names.length} ${word} (${list(names)})` : "");
  const line = (/** @type {string} */ what, /** @type {NameChanges} */ c) => {
    const parts = [part("added", c.added), part("removed", c.removed), part("changed", c.changed)].filter(Boolean);
    return `  ${what}: ${parts.length ? parts.join("; ") : "no change"}`;
  };
  const { operations, types } = changes;
  const none = [operations, types].every((c) => !c.added.length && !c.removed.length && !c.changed.length);
  if (none) return "Generated client: no change in operations or types.";
  return ["Generated client changes:", line("operations", operations), line("types", types)].join("\n");
}
