/**
 * Tiny inline specs for the unit tests of scripts/lib/generate/model.ts: the
 * model is read from a bundled spec object, so no file or child process is needed.
 */
import { expect } from "vitest";
import { readOperations, type BundledSpec, type OperationModel } from "../../scripts/lib/generate/model.js";
import { SpecError } from "../../scripts/lib/spec/error.js";

export type Json = Record<string, unknown>;

/** A bundled spec with these paths; `extra` adds top-level members (components, extensions). */
export function specOf(paths: Json, extra: Json = {}): BundledSpec {
  return { openapi: "3.1.0", info: { title: "Fixture", version: "1.0.0" }, paths, ...extra } as BundledSpec;
}

export const OK = { "200": { description: "OK" } };

/** An operation with the required parts (operationId, one tag, a 200); `op` adds or replaces members. */
export function operation(op: Json = {}): Json {
  return { operationId: "getThing", tags: ["Things"], responses: OK, ...op };
}

/** The model of the only operation of a spec with `op` as `method path`. */
export function modelOf(op: Json, path = "/things", method = "get", extra: Json = {}): OperationModel {
  const ops = readOperations(specOf({ [path]: { [method]: op } }, extra));
  expect(ops).toHaveLength(1);
  return ops[0] as OperationModel;
}

/** The messages of the SpecError `read` throws, after checking that every problem is a generator error. */
export function problemsOf(read: () => unknown): string[] {
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SpecError);
  const specError = error as SpecError;
  expect(specError.step).toBe("generate");
  for (const problem of specError.problems) {
    expect(problem).toEqual({ file: "spec (bundled)", severity: "error", rule: "client-generator", message: problem.message });
  }
  return specError.problems.map((p) => p.message);
}

/** The messages readOperations reports for a spec with `op` as `method path`. */
export function operationProblems(op: Json, path = "/things", method = "get", extra: Json = {}): string[] {
  return problemsOf(() => readOperations(specOf({ [path]: { [method]: op } }, extra)));
}
