/**
 * A string schema's `pattern` or `format` -> a template literal type, where a
 * cheap one exists that accepts every string the schema accepts (sound: it may
 * let an invalid string through, never reject a valid one).
 *
 * Patterns: anchored (`^...$`, or such branches joined by `|`) and made only of
 * literal characters and digit runs (`[0-9]`, `\d`, with `{n}`, `{n,m}` or `+`);
 * each run of digits becomes `${number}`, which TypeScript matches against the
 * text up to the next literal character. `^[0-9]{4}-[0-9]{2}-[0-9]{2}$` becomes
 * `${number}-${number}-${number}`. Anything else (classes of letters, `.`,
 * groups, optional parts) is left as `string`: the doc comment still shows it.
 *
 * Formats: the shape ajv-formats checks, loosened to what a template can say
 * (`date-time`: a date, then anything; `email`: something@something).
 */
const FORMATS: Record<string, string> = {
  date: "`${number}-${number}-${number}`",
  "date-time": "`${number}-${number}-${number}${string}`",
  email: "`${string}@${string}`",
  uri: "`${string}:${string}`",
  uuid: "`${string}-${string}-${string}-${string}-${string}`",
};

const DIGITS = /^(?:\[0-9\]|\\d)(?:\{[1-9]\d*(?:,\d*)?\}|\+)?/;
const LITERAL = /^(?:\\[-/:_ @#TZ]|[^\\.*+?()[\]{}|^$])/;

/** The template literal type (or string literal type) for `schema`'s pattern or format; undefined when there is none. */
export function stringType(pattern: unknown, format: unknown): string | undefined {
  const fromPattern = typeof pattern === "string" ? patternType(pattern) : undefined;
  if (fromPattern) return fromPattern;
  return typeof format === "string" ? FORMATS[format] : undefined;
}

export function patternType(pattern: string): string | undefined {
  const branches = pattern.split("|");
  const types: string[] = [];
  for (const branch of branches) {
    if (!branch.startsWith("^") || !branch.endsWith("$") || branch.endsWith("\\$")) return undefined;
    const type = branchType(branch.slice(1, -1));
    if (type === undefined) return undefined;
    types.push(type);
  }
  return [...new Set(types)].join(" | ");
}

function branchType(body: string): string | undefined {
  let text = "";
  // The same text unescaped: the string literal type when there is no run of digits.
  let plain = "";
  let placeholders = 0;
  let previousWasNumber = false;
  let rest = body;
  while (rest) {
    const digits = DIGITS.exec(rest);
    if (digits) {
      // Two runs side by side are one run of digits.
      if (!previousWasNumber) {
        text += "${number}";
        placeholders++;
      }
      previousWasNumber = true;
      rest = rest.slice(digits[0].length);
      continue;
    }
    const literal = LITERAL.exec(rest);
    if (!literal) return undefined;
    const char = literal[0].length === 2 ? literal[0].slice(1) : literal[0];
    text += char === "`" || char === "\\" || char === "$" ? `\\${char}` : char;
    plain += char;
    previousWasNumber = false;
    rest = rest.slice(literal[0].length);
  }
  return placeholders ? `\`${text}\`` : JSON.stringify(plain);
}
