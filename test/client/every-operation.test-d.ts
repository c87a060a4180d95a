/**
 * Every operation of openapi-typescript's `operations` type (produced from the
 * spec independently of our operation table) is a method of the client, with
 * the spec's success type.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AirbyteClient, operations } from "../../src/index.js";

type Methods = { [G in Exclude<keyof AirbyteClient, "raw">]: AirbyteClient[G] }[Exclude<keyof AirbyteClient, "raw">];
type MethodNames = Methods extends infer M ? (M extends unknown ? keyof M : never) : never;

describe("the client covers every operation", () => {
  it("no operationId of the spec is missing from the client, and no method is extra", () => {
    expectTypeOf<Exclude<keyof operations, MethodNames>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<MethodNames, keyof operations>>().toEqualTypeOf<never>();
  });

  it("results are typed from the spec", () => {
    expectTypeOf<Awaited<ReturnType<AirbyteClient["jobs"]["getJob"]>>>().toEqualTypeOf<
      operations["getJob"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<Awaited<ReturnType<AirbyteClient["connections"]["createConnection"]>>>().toEqualTypeOf<
      operations["createConnection"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<Awaited<ReturnType<AirbyteClient["sources"]["listSources"]>>>().toEqualTypeOf<
      operations["listSources"]["responses"][200]["content"]["application/json"]
    >();
  });
});
