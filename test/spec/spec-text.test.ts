/**
 * The spec's prose and examples stay informative: every operation says what
 * it does, no description is boilerplate repeated across the spec, and no
 * example holds a placeholder where a realistic value belongs.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectExamples, type ExampleInventory } from "../../scripts/lib/spec/examples.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { repoRoot } from "../helpers/run.js";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Descriptions that say nothing about the field or operation they sit on. */
const BOILERPLATE = ["Success.", "The name.", "The items of this page.", "Email address.", "Whether it is enabled.", "Created.", "Done; no body."];
/** Values a writer leaves for later. */
const PLACEHOLDER = /^(example|example-[\w-]+|todo|tbd|xxx+|foo|bar|changeme)$/i;

function* strings(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [pointer, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${pointer}/${i}`);
  else if (isNode(value)) for (const [k, v] of Object.entries(value)) yield* strings(v, `${pointer}/${k}`);
}

function* descriptions(node: unknown, pointer = ""): Generator<[string, string]> {
  if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* descriptions(v, `${pointer}/${i}`);
  else if (isNode(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "description" && typeof v === "string") yield [pointer, v.trim()];
      else if (k !== "examples" && k !== "example") yield* descriptions(v, `${pointer}/${k}`);
    }
  }
}

describe("the spec's text", () => {
  let bundled: Node;
  let inventory: ExampleInventory;
  beforeAll(async () => {
    const spec = join(repoRoot, "spec/openapi.yaml");
    bundled = (await bundleSpec(spec)) as Node;
    inventory = await collectExamples(spec, bundled, repoRoot);
  });

  it("describes every operation", () => {
    const undescribed: string[] = [];
    for (const item of Object.values(bundled.paths as Node)) {
      for (const op of Object.values(item as Node)) {
        if (isNode(op) && typeof op.operationId === "string" && !(typeof op.description === "string" && op.description.trim())) undescribed.push(op.operationId);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it("has no boilerplate description", () => {
    const found = [...descriptions(bundled)].filter(([, text]) => BOILERPLATE.includes(text)).map(([pointer, text]) => `${pointer}: ${text}`);
    expect(found).toEqual([]);
  });

  it("has no placeholder in any example", () => {
    const found = inventory.examples.flatMap((e) => [...strings(e.value)].filter(([, s]) => PLACEHOLDER.test(s)).map(([p, s]) => `${e.file}#${e.pointer}${p}: ${s}`));
    expect(found).toEqual([]);
  });

  it.each<[string, { description?: string; example?: string }, number, number]>([
    ["a boilerplate description", { description: "Success." }, 1, 0],
    ["a placeholder value", { example: "example-client-secret" }, 0, 1],
    ["realistic text", { description: "The tag's colour.", example: "2E7D32" }, 0, 0],
  ])("flags %s", (_, node, boilerplate, placeholders) => {
    expect([...descriptions({ x: node })].filter(([, t]) => BOILERPLATE.includes(t))).toHaveLength(boilerplate);
    expect([...strings(node.example)].filter(([, s]) => PLACEHOLDER.test(s))).toHaveLength(placeholders);
  });
});
