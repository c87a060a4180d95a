/**
 * A readable report of the package's public surface: every export of the entry
 * point, every member of every generated type, every client method with its
 * full signature, and the emitted declarations of the hand-written modules.
 * test/surface/api-report.test.ts compares it with the committed file, and
 * `npm run release` rewrites it with the new version.
 *
 * Written for review: one member per line, no line over REPORT_MAX_LINE
 * characters, code-point order. A schema used inside another type shows by its
 * name (its members are listed once, in its own block), so a field added to
 * one schema changes a line or two of the report, not every type that uses it.
 */
import { join, relative } from "node:path";
import ts from "typescript";
import { byCodePoint } from "../shared/order.mjs";

/** The longest line the report may have. */
export const REPORT_MAX_LINE = 200;

/** Where the report is committed, relative to the repository root. */
export const API_REPORT_PATH = "test/surface/__snapshots__/api-report.md";

export interface ApiReportOptions {
  /** Contents to use instead of the files on disk (absolute path -> text), e.g. a src/version.ts about to be written. */
  overrides?: ReadonlyMap<string, string>;
}

const INDENT = "  ";

function compilerOptions(repoRoot: string): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  return {
    ...config.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    allowJs: false,
    checkJs: false,
    outDir: "/virtual-out",
    rootDir: repoRoot,
  };
}

/** A member of a union as shown: a type, or `boolean` for the pair `true | false`. */
type Piece = ts.Type | "boolean";

/** Renders types as lines: schemas by name, objects one member per line, long unions one member per line. */
class TypeLines {
  constructor(
    private readonly checker: ts.TypeChecker,
    /** Object types shown by name wherever they are used (the schemas, the exported generated types). */
    private readonly names: ReadonlyMap<ts.Type, string>,
  ) {}

  private readonly flags = ts.TypeFormatFlags.NoTruncation;

  /** An anonymous object type whose members are worth listing (not an array, a function or a named type). */
  isPlainObject(type: ts.Type): boolean {
    if (!(type.flags & ts.TypeFlags.Object) || this.names.has(type)) return false;
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) return false;
    if (type.getCallSignatures().length || type.getConstructSignatures().length) return false;
    return (
      this.checker.getPropertiesOfType(type).length > 0 ||
      this.checker.getIndexInfosOfType(type).length > 0
    );
  }

  private element(type: ts.Type): ts.Type | undefined {
    return this.checker.isArrayType(type)
      ? this.checker.getTypeArguments(type as ts.TypeReference)[0]
      : undefined;
  }

  /** Whether the type has an object whose members go on lines of their own. */
  private expands(type: ts.Type): boolean {
    if (this.isPlainObject(type)) return true;
    const element = this.element(type);
    if (element) return this.expands(element);
    return type.isUnion() && type.types.some((t) => this.expands(t));
  }

  /** A union's members (one for any other type), `undefined` left out of an optional member's type. */
  private pieces(type: ts.Type, dropUndefined: boolean): Piece[] {
    const list = type.isUnion() ? type.types : [type];
    const booleans = list.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const out: Piece[] = [];
    for (const t of list) {
      if (dropUndefined && t.flags & ts.TypeFlags.Undefined) continue;
      if (booleans.length === 2 && t.flags & ts.TypeFlags.BooleanLiteral) {
        if (t === booleans[0]) out.push("boolean");
      } else out.push(t);
    }
    return out;
  }

  /** The type on one line. */
  inline(piece: Piece, dropUndefined = false): string {
    if (piece === "boolean") return "boolean";
    const name = this.names.get(piece);
    if (name) return name;
    const pieces = this.pieces(piece, dropUndefined);
    if (pieces.length !== 1 || pieces[0] !== piece) {
      return pieces
        .map((p) =>
          p !== "boolean" && p.isIntersection() ? `(${this.inline(p)})` : this.inline(p),
        )
        .join(" | ");
    }
    if (piece.isIntersection())
      return piece.types
        .map((t) => (t.isUnion() ? `(${this.inline(t)})` : this.inline(t)))
        .join(" & ");
    const element = this.element(piece);
    if (element) {
      const inner = this.inline(element);
      return element.isUnion() || element.isIntersection() ? `(${inner})[]` : `${inner}[]`;
    }
    if (this.isPlainObject(piece))
      return `{ ${this.members(piece)
        .map((m) => `${m.head}${this.inline(m.type, m.optional)}`)
        .join("; ")} }`;
    return this.checker.typeToString(piece, undefined, this.flags);
  }

  members(type: ts.Type): Array<{ head: string; type: ts.Type; optional: boolean }> {
    const out: Array<{ head: string; type: ts.Type; optional: boolean }> = [];
    for (const info of this.checker.getIndexInfosOfType(type)) {
      const readonly = info.isReadonly ? "readonly " : "";
      out.push({
        head: `${readonly}[key: ${this.checker.typeToString(info.keyType)}]: `,
        type: info.type,
        optional: false,
      });
    }
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      const readonly =
        declaration && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly
          ? "readonly "
          : "";
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const name = /^[A-Za-z_$][\w$]*$/.test(prop.getName())
        ? prop.getName()
        : JSON.stringify(prop.getName());
      out.push({
        head: `${readonly}${name}${optional ? "?" : ""}: `,
        type: this.checker.getTypeOfSymbol(prop),
        optional,
      });
    }
    return out;
  }

  /** `head` and the type, on as many lines as it needs; `indent` is the depth of the first line. */
  lines(head: string, type: ts.Type, indent: string, tail = "", dropUndefined = false): string[] {
    const one = `${indent}${head}${this.inline(type, dropUndefined)}${tail}`;
    const pieces = this.pieces(type, dropUndefined);
    if (this.names.has(type)) return [one];
    if (pieces.length > 1) {
      if (one.length <= REPORT_MAX_LINE && !pieces.some((p) => p !== "boolean" && this.expands(p)))
        return [one];
      return [
        `${indent}${head}`.trimEnd(),
        ...pieces.flatMap((p) =>
          p === "boolean" ? [`${indent}${INDENT}| boolean`] : this.lines("| ", p, indent + INDENT),
        ),
        ...(tail ? [`${indent}${tail}`] : []),
      ];
    }
    const single = pieces[0];
    if (single === undefined || single === "boolean") return [one];
    if (this.isPlainObject(single)) {
      return [
        `${indent}${head}{`,
        ...this.members(single).flatMap((m) =>
          this.lines(m.head, m.type, indent + INDENT, "", m.optional),
        ),
        `${indent}}${tail}`,
      ];
    }
    const element = this.element(single);
    if (element && this.expands(element)) {
      return element.isUnion()
        ? this.lines(`${head}Array<`, element, indent, `>${tail}`)
        : this.lines(head, element, indent, `[]${tail}`);
    }
    return wrap(one);
  }
}

/** Splits a declaration line longer than the limit after its commas, semicolons or `|` (rare: hand-written code keeps lines short). */
function wrap(line: string): string[] {
  if (line.length <= REPORT_MAX_LINE) return [line];
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  const out: string[] = [];
  let rest = line;
  while (rest.length > REPORT_MAX_LINE) {
    const window = rest.slice(0, REPORT_MAX_LINE);
    const cut = Math.max(
      window.lastIndexOf(", "),
      window.lastIndexOf("; "),
      window.lastIndexOf(" | "),
    );
    const at = cut > indent.length + 8 ? cut + 1 : REPORT_MAX_LINE;
    out.push(rest.slice(0, at).trimEnd());
    rest = `${indent}${INDENT}${INDENT}${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out;
}

export function apiReport(repoRoot: string, options: ApiReportOptions = {}): string {
  const entry = join(repoRoot, "src", "index.ts");
  const compiler = compilerOptions(repoRoot);
  const host = ts.createCompilerHost(compiler);
  const overrides = options.overrides ?? new Map<string, string>();
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => overrides.get(file) ?? readFile(file);
  host.fileExists = (file) => overrides.has(file) || fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = overrides.get(file);
    return text === undefined
      ? getSourceFile(file, language, onError, create)
      : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([entry], compiler, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => repoRoot,
        getNewLine: () => "\n",
      }),
    );
  }

  const declarations = new Map<string, string>();
  program.emit(undefined, (file, text) => {
    const rel = relative("/virtual-out", file).split("\\").join("/");
    if (rel.startsWith("src/")) declarations.set(rel, text);
  });

  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error("no entry");
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("no module symbol");
  const exported = checker
    .getExportsOfModule(moduleSymbol)
    .map((s) => ({
      symbol: s,
      target: s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s,
    }));
  const exports = exported.map(({ symbol, target }) => {
    const kind =
      target.flags & ts.SymbolFlags.Class
        ? "class"
        : target.flags & ts.SymbolFlags.Function
          ? "function"
          : target.flags & ts.SymbolFlags.Variable
            ? "const"
            : target.flags & ts.SymbolFlags.Interface
              ? "interface"
              : "type";
    return `${kind} ${symbol.getName()}`;
  });

  // The generated types shown by name inside others: every schema of components["schemas"] (the type a
  // property referring to it has) and every exported generated type.
  const names = new Map<ts.Type, string>();
  const openapi = program.getSourceFile(join(repoRoot, "generated", "openapi.ts"));
  const components = openapi?.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === "components",
  );
  const componentsType = components && checker.getTypeAtLocation(components.name);
  const schemasSymbol = componentsType && checker.getPropertyOfType(componentsType, "schemas");
  if (schemasSymbol) {
    for (const schema of checker.getPropertiesOfType(checker.getTypeOfSymbol(schemasSymbol))) {
      const type = checker.getTypeOfSymbol(schema);
      // Only object types: `string` or a union of literals is one type object for every schema that is one.
      if (type.flags & ts.TypeFlags.Object) names.set(type, schema.getName());
    }
  }
  const generatedTypes: Array<{ name: string; type: ts.Type }> = [];
  for (const { symbol, target } of exported) {
    if (!(target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const declaration = target.declarations?.[0];
    if (!declaration || relative(repoRoot, declaration.getSourceFile().fileName).startsWith("src"))
      continue;
    const type = checker.getDeclaredTypeOfSymbol(target);
    generatedTypes.push({ name: symbol.getName(), type });
    if (!names.has(type) && type.flags & ts.TypeFlags.Object) names.set(type, symbol.getName());
  }

  // Members of every exported type that is not hand-written (those show verbatim below):
  // the schema types, so a field added, removed or retyped in the spec shows in this report.
  const render = new TypeLines(checker, names);
  const blocks: Array<[name: string, lines: string[]]> = [];
  for (const { name, type } of generatedTypes) {
    // An interface extending a schema is that schema's members; a type alias of a schema is shown whole.
    // Its own block lists its members: the type is not shown by its own name there.
    const others = new Map(names);
    others.delete(type);
    const own = new TypeLines(checker, others);
    if (own.isPlainObject(type))
      blocks.push([
        name,
        [
          `${name} {`,
          ...own.members(type).flatMap((m) => own.lines(m.head, m.type, INDENT, "", m.optional)),
          "}",
        ],
      ]);
    else blocks.push([name, own.lines(`type ${name} = `, type, "")]);
  }
  const members = blocks.sort(([a], [b]) => byCodePoint(a, b)).flatMap(([, lines]) => lines);

  // Client methods, as users see them: schema types by name, other types expanded.
  const operationsFile = program.getSourceFile(join(repoRoot, "generated", "operations.ts"));
  const table = operationsFile?.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === "OperationTypes",
  );
  if (!table) throw new Error("generated/operations.ts has no OperationTypes");
  const show = (node: ts.TypeNode) =>
    ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments
      ? node.typeName.text
      : render.inline(checker.getTypeFromTypeNode(node));
  const methods: string[] = [];
  for (const member of table.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type))
      continue;
    const field = (name: string) =>
      member.type && ts.isTypeLiteralNode(member.type)
        ? member.type.members.find(
            (m): m is ts.PropertySignature =>
              ts.isPropertySignature(m) && m.name.getText() === name,
          )?.type
        : undefined;
    const group = field("group");
    const args = field("args");
    const result = field("result");
    const item = field("item");
    if (!group || !args || !result || !ts.isTupleTypeNode(args)) continue;
    const params = args.elements.map((e) =>
      ts.isNamedTupleMember(e)
        ? `${e.name.text}${e.questionToken ? "?" : ""}: ${show(e.type)}`
        : show(e),
    );
    methods.push(
      `${group.getText().replace(/"/g, "")}.${member.name.getText()}(${[...params, "options?: RequestOptions"].join(", ")}): ${item ? `PagePromise<${show(result)}, ${show(item)}>` : `Promise<${show(result)}>`}`,
    );
  }

  return [
    "# Public API report of airbyte-api-client",
    "",
    "Written by `npm run test:unit -- test/surface -u` (scripts/lib/release/api-report.ts) and by `npm run release`;",
    "test/surface/api-report.test.ts compares it with the code. A change here is a change users see: review it.",
    "",
    "## Exports of the entry point",
    "",
    "```",
    ...exports.sort(byCodePoint),
    "```",
    "",
    "## Members of the generated types",
    "",
    "```",
    ...members,
    "```",
    "",
    "## Client methods",
    "",
    "```",
    ...methods.sort(byCodePoint).flatMap(wrap),
    "```",
    "",
    "## Declarations of the hand-written modules",
    "",
    ...[...declarations.entries()]
      .sort(([a], [b]) => byCodePoint(a, b))
      .flatMap(([file, text]) => [
        `### ${file}`,
        "",
        "```ts",
        ...text.trimEnd().split("\n").flatMap(wrap),
        "```",
        "",
      ]),
  ].join("\n");
}
