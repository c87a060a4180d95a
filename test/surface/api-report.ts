/**
 * A readable report of the package's public surface: every export of the entry
 * point, the emitted declarations of the hand-written modules, and every client
 * method with its full signature. Snapshotted, so a change shows in review.
 */
import { join, relative } from "node:path";
import ts from "typescript";

export function apiReport(repoRoot: string): string {
  const entry = join(repoRoot, "src", "index.ts");
  const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("cannot read tsconfig.json");
  const options: ts.CompilerOptions = {
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
  const program = ts.createProgram([entry], options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length) {
    throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => repoRoot, getNewLine: () => "\n" }));
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
  const exports = checker.getExportsOfModule(moduleSymbol).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
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
    return `${kind} ${s.getName()}`;
  });

  // Client methods, as users see them: schema types by name, other types expanded.
  const flags = ts.TypeFormatFlags.NoTruncation;

  // Members of every exported type that is not hand-written (those show verbatim below):
  // the schema types, so a field added, removed or retyped in the spec shows in this report.
  const blocks: Array<[name: string, lines: string[]]> = [];
  for (const s of checker.getExportsOfModule(moduleSymbol)) {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    if (!(target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const declaration = target.declarations?.[0];
    if (!declaration || relative(repoRoot, declaration.getSourceFile().fileName).startsWith("src")) continue;
    const type = checker.getDeclaredTypeOfSymbol(target);
    // Unions, primitives and arrays are shown whole; their "properties" would be those of String, of Array or of every member.
    const whole = type.isUnion() || !(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type) || checker.isTupleType(type);
    const props = whole ? [] : checker.getPropertiesOfType(type);
    if (props.length === 0) {
      blocks.push([s.getName(), [`type ${s.getName()} = ${checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias)}`]]);
      continue;
    }
    const lines = props.map((prop) => `  ${prop.getName()}${prop.flags & ts.SymbolFlags.Optional ? "?" : ""}: ${checker.typeToString(checker.getTypeOfSymbol(prop), undefined, flags)}`);
    blocks.push([s.getName(), [`${s.getName()} {`, ...lines, "}"]]);
  }
  const members = blocks.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, lines]) => lines);
  const operationsFile = program.getSourceFile(join(repoRoot, "generated", "operations.ts"));
  const table = operationsFile?.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "OperationTypes",
  );
  if (!table) throw new Error("generated/operations.ts has no OperationTypes");
  const show = (node: ts.TypeNode) =>
    ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments
      ? node.typeName.text
      : checker.typeToString(checker.getTypeFromTypeNode(node), undefined, flags);
  const methods: string[] = [];
  for (const member of table.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type)) continue;
    const field = (name: string) =>
      member.type && ts.isTypeLiteralNode(member.type)
        ? member.type.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText() === name)?.type
        : undefined;
    const group = field("group");
    const args = field("args");
    const result = field("result");
    const item = field("item");
    if (!group || !args || !result || !ts.isTupleTypeNode(args)) continue;
    const params = args.elements.map((e) =>
      ts.isNamedTupleMember(e) ? `${e.name.text}${e.questionToken ? "?" : ""}: ${show(e.type)}` : show(e),
    );
    methods.push(
      `${group.getText().replace(/"/g, "")}.${member.name.getText()}(${[...params, "options?: RequestOptions"].join(", ")}): ${item ? `PagePromise<${show(result)}, ${show(item)}>` : `Promise<${show(result)}>`}`,
    );
  }

  return [
    "# Public API report of airbyte-api-client",
    "",
    "Written by test/surface/api-report.test.ts. A change here is a change users see: review it.",
    "",
    "## Exports of the entry point",
    "",
    "```",
    ...exports.sort(),
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
    ...methods.sort(),
    "```",
    "",
    "## Declarations of the hand-written modules",
    "",
    ...[...declarations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([file, text]) => [`### ${file}`, "", "```ts", text.trimEnd(), "```", ""]),
  ].join("\n");
}
