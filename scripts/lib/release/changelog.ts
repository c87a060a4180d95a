/**
 * CHANGELOG.md as `npm run release` writes it and ci:pr reads it (Keep a
 * Changelog): `## [Unreleased]` on top, then one `## [x.y.z] - YYYY-MM-DD`
 * section per release, newest first, and at the bottom one link line per
 * heading:
 *
 *   [Unreleased]: <repo>/compare/v0.2.0...HEAD
 *   [0.2.0]: <repo>/compare/v0.1.0...v0.2.0
 *   [0.1.0]: <repo>/releases/tag/v0.1.0
 *
 * A release moves what [Unreleased] holds into the new dated section and adds
 * spec:diff's changes, grouped by impact. A line starting `BREAKING:` in the
 * section says a breaking change is intended (ci:pr and the pull-request
 * workflow then accept it).
 */
import type { SpecChange, SpecDiffReport } from "./spec-diff-json.js";

export class ChangelogError extends Error {
  override name = "ChangelogError";
}

const HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?[ \t]*$/gm;
const LINK = /^\[([^\]]+)\]: (\S+)[ \t]*$/gm;

export interface ChangelogSection {
  version: string;
  date: string | undefined;
  /** The section's text after its heading line, up to the next heading (or the link lines). */
  body: string;
}

/** The `## [...]` sections and the `[...]: url` link lines of a changelog. */
export function readChangelog(text: string): {
  sections: ChangelogSection[];
  links: Map<string, string>;
} {
  const headings = [...text.matchAll(HEADING)];
  const links = new Map([...text.matchAll(LINK)].map((m) => [m[1] ?? "", m[2] ?? ""] as const));
  const firstLink = text.search(/^\[[^\]]+\]: \S+/m);
  const sections = headings.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const next = headings[i + 1]?.index ?? (firstLink >= 0 ? firstLink : text.length);
    return { version: m[1] ?? "", date: m[2], body: text.slice(start, next) };
  });
  return { sections, links };
}

/** What ci:pr asks of the changelog for a version: its dated section and its link line. */
export function changelogProblems(text: string, version: string): string[] {
  const { sections, links } = readChangelog(text);
  const problems: string[] = [];
  const section = sections.find((s) => s.version === version);
  if (!section) problems.push(`CHANGELOG.md has no \`## [${version}] - YYYY-MM-DD\` section`);
  else if (!section.date)
    problems.push(
      `CHANGELOG.md's \`## [${version}]\` section has no date (\`## [${version}] - YYYY-MM-DD\`)`,
    );
  if (!links.has(version))
    problems.push(
      `CHANGELOG.md has no link line \`[${version}]: <repository>/compare/v<previous>...v${version}\``,
    );
  const unreleased = links.get("Unreleased");
  if (unreleased !== undefined && !unreleased.includes(`v${version}...HEAD`))
    problems.push(`CHANGELOG.md's \`[Unreleased]\` link does not compare from v${version}`);
  return problems;
}

/** Whether the changelog's section for `version` says a breaking change is intended (a line starting `BREAKING:`). */
export function acceptsBreaking(text: string, version: string): boolean {
  const section = readChangelog(text).sections.find((s) => s.version === version);
  return !!section && /^\s*(?:[-*]\s+)?(?:\*\*)?BREAKING:/m.test(section.body);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** spec:diff's changes as changelog lines, grouped by impact (documentation counted, not listed). */
export function specChangeLines(report: SpecDiffReport): string[] {
  const by = (impact: SpecChange["impact"]) => report.changes.filter((c) => c.impact === impact);
  const line = (c: SpecChange) => `- \`${c.operationId}\` ${c.where}: ${c.message}`;
  const out: string[] = [];
  const groups: Array<[string, SpecChange[]]> = [
    ["Breaking", by("breaking")],
    ["Warnings", by("warning")],
    ["Non-breaking", by("non-breaking")],
  ];
  for (const [title, changes] of groups) {
    if (changes.length) out.push("", `#### ${title}`, "", ...changes.map(line));
  }
  const docs = by("docs");
  if (docs.length) {
    const operations = new Set(docs.map((c) => c.operationId)).size;
    out.push(
      "",
      "#### Documentation",
      "",
      `- ${plural(docs.length, "description or deprecation change")} in ${plural(operations, "operation")}.`,
    );
  }
  return out.length ? ["", "### API changes (npm run spec:diff)", ...out] : [];
}

/** The repository URL the link lines use: from the existing links, else from package.json's repository. */
function repositoryUrl(links: Map<string, string>, fallback: string | undefined): string {
  for (const url of links.values()) {
    const m = /^(https?:\/\/[^\s]+?)\/(?:compare|releases)\//.exec(url);
    if (m?.[1]) return m[1];
  }
  if (fallback) return fallback.replace(/^git\+/, "").replace(/\.git$/, "");
  throw new ChangelogError(
    "CHANGELOG.md has no link line to take the repository URL from, and package.json has no repository.url.",
  );
}

export interface ReleaseChangelogInput {
  version: string;
  /** The version the new one follows (main's). */
  previous: string;
  /** YYYY-MM-DD */
  date: string;
  report?: SpecDiffReport;
  /** Written as a `BREAKING: <why>` line: the break is intended. */
  breaking?: string;
  repository?: string;
}

/**
 * The changelog with a dated section for `version`: [Unreleased]'s entries
 * and spec:diff's changes move into it, and the link lines follow. Run again
 * for the same version, it rewrites that section's spec:diff part only; a
 * section of a version between `previous` and `version` (an earlier bump on
 * this branch) becomes the new version's.
 */
export function releaseChangelog(text: string, input: ReleaseChangelogInput): string {
  const { version, previous, date } = input;
  if (!/^## \[Unreleased\][ \t]*$/m.test(text))
    throw new ChangelogError(
      "CHANGELOG.md has no `## [Unreleased]` heading: add one above the newest release (Keep a Changelog).",
    );
  const { sections, links } = readChangelog(text);
  const repo = repositoryUrl(links, input.repository);
  // An earlier bump of this branch (newer than main's version): its section becomes this version's.
  const stale = sections.find(
    (s) => s.version !== "Unreleased" && s.version !== version && !atOrBefore(s.version, previous),
  );
  const current = sections.find((s) => s.version === version) ?? stale;
  const unreleased = sections.find((s) => s.version === "Unreleased");
  const handWritten = (body: string) =>
    body.replace(/\n### API changes \(npm run spec:diff\)\n[\s\S]*?(?=\n### (?!#)|$)/, "\n").trim();
  const entries = [
    current ? handWritten(current.body) : "",
    unreleased ? handWritten(unreleased.body) : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const breakingLine =
    input.breaking && !/^\s*(?:[-*]\s+)?BREAKING:/m.test(entries)
      ? `BREAKING: ${input.breaking.trim()}`
      : "";
  const body = [breakingLine, entries].filter(Boolean).join("\n\n");
  const specLines = input.report ? specChangeLines(input.report) : [];
  const section = [`## [${version}] - ${date}`, ...(body ? ["", body] : []), ...specLines, ""].join(
    "\n",
  );

  // Rebuild: [Unreleased] empty on top, the new section, then every other section as it was.
  const head = text.slice(0, text.search(/^## \[/m));
  const others = sections.filter((s) => s.version !== "Unreleased" && s !== current);
  const rest = others
    .map((s) => `## [${s.version}]${s.date ? ` - ${s.date}` : ""}${s.body}`)
    .join("");
  const newLinks = new Map<string, string>();
  newLinks.set("Unreleased", `${repo}/compare/v${version}...HEAD`);
  newLinks.set(version, `${repo}/compare/v${previous}...v${version}`);
  for (const [name, url] of links)
    if (!newLinks.has(name) && name !== current?.version) newLinks.set(name, url);
  const linkLines = [...newLinks].map(([name, url]) => `[${name}]: ${url}`).join("\n");
  return `${head}## [Unreleased]\n\n${section}\n${rest.trimEnd()}\n\n${linkLines}\n`.replace(
    /\n{3,}/g,
    "\n\n",
  );
}

/** Whether `version` is at or before `previous` (so it is a release of main, not of this branch). */
function atOrBefore(version: string, previous: string): boolean {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
  const [a, b] = [parts(version), parts(previous)];
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return true;
}
