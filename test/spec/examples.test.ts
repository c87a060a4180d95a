/**
 * Every example of the spec is valid against its schema (Ajv, JSON Schema
 * 2020-12), and every operation has one for its request body and for each
 * JSON response it declares. The local mock serves these examples, so a wrong
 * one would teach users a wrong payload.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectExamples, type ExampleInventory } from "../../scripts/lib/spec/examples.js";
import { loadSpecValidator, type SpecValidator } from "../../scripts/lib/spec/validator.js";
import { repoRoot } from "../helpers/run.js";

/** One line per bad value: `file#pointer-of-example/pointer-in-value: message`. */
function problemsOf(validator: SpecValidator, inventory: ExampleInventory): string[] {
  return inventory.examples.flatMap((example) => {
    if (example.value === undefined) return [`${example.file}#${example.pointer}: has no \`value\``];
    if (example.schema === undefined) return [`${example.file}#${example.pointer}: the example has no schema to be checked against`];
    return validator.validate(example.schema, example.value).map((issue) => `${example.file}#${example.pointer}${issue.pointer}: ${issue.message}`);
  });
}

describe("the spec's examples", () => {
  const spec = join(repoRoot, "spec/openapi.yaml");
  let validator: SpecValidator;
  let inventory: ExampleInventory;
  beforeAll(async () => {
    validator = await loadSpecValidator(spec);
    inventory = await collectExamples(spec, validator.bundled, repoRoot);
  });

  it("are all valid against their schemas", () => {
    // A collector that silently found nothing would pass the check below.
    expect(inventory.examples.length).toBeGreaterThan(100);
    expect(problemsOf(validator, inventory)).toEqual([]);
  });

  it("cover every request body and every JSON response of every operation", () => {
    expect(inventory.missing).toEqual([]);
  });

  it("cover every operation of the spec", () => {
    const operations = new Set(inventory.examples.flatMap((e) => e.operations));
    const paths = validator.bundled.paths as Record<string, Record<string, { operationId?: string }>>;
    const declared = Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => (op.operationId ? [op.operationId] : [])));
    expect(declared.length).toBeGreaterThan(0); // the count is the spec's own, never written here
    expect(declared.filter((id) => !operations.has(id))).toEqual([]);
  });
});

describe("a bad example", () => {
  const spec = join(repoRoot, "test/fixtures/specs/bad-examples/openapi.yaml");
  let validator: SpecValidator;
  let inventory: ExampleInventory;
  beforeAll(async () => {
    validator = await loadSpecValidator(spec);
    inventory = await collectExamples(spec, validator.bundled, repoRoot);
  });

  it("is named by its file and the JSON pointer of the bad value", () => {
    const dir = "test/fixtures/specs/bad-examples";
    const problems = problemsOf(validator, inventory);
    // Where, exactly; the wording of the message belongs to the validator.
    expect(problems.map((p) => p.slice(0, p.indexOf(": "))).sort()).toEqual(
      [
        `${dir}/paths/things.yaml#/post/requestBody/content/application~1json/examples/wrongType/value/size`,
        `${dir}/paths/things.yaml#/post/requestBody/content/application~1json/examples/missingName/value/name`,
        `${dir}/paths/things.yaml#/post/responses/200/content/application~1json/example/id`,
        `${dir}/paths/things.yaml#/post/responses/200/content/application~1json/example/extra`,
        `${dir}/paths/things.yaml#/post/parameters/0/example`,
        `${dir}/paths/things.yaml#/parameters/0/example`,
        `${dir}/components/responses/NotFound.yaml#/content/application~1problem+json/examples/wrong/value/status`,
        `${dir}/paths/things.yaml#/get/responses/200/content/application~1json/examples/badKind/value/kind`,
      ].sort(),
    );
    for (const problem of problems) expect(problem).toMatch(/: \S/);
    expect(problems.find((p) => p.includes("/missingName/"))).toMatch(/required|missing/);
  });

  it("passes when an open enum gets a value the list does not know", () => {
    const things = inventory.examples.filter((e) => e.pointer.includes("/examples/newStatus/"));
    expect(things).toHaveLength(1);
    expect(validator.validate(things[0]?.schema, things[0]?.value)).toEqual([]);
  });

  it("is reported missing where an operation has no example", () => {
    expect(inventory.missing).toEqual(["deleteThing response 200 (application/json)"]);
  });

  it("of a shared response is checked once and names every operation that shows it", () => {
    const notFound = inventory.examples.filter((e) => e.file.endsWith("NotFound.yaml"));
    expect(notFound).toHaveLength(1);
    expect(notFound[0]?.operations.sort()).toEqual(["createThing", "deleteThing", "listThings"]);
  });
});
