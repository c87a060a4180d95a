/**
 * What the connector helpers (sourceConfiguration, destinationConfiguration)
 * check beyond plain assignability.
 *
 * A configuration goes through a helper as a type parameter `C` constrained by
 * the connector's fields, so it is checked by assignability, not by the
 * excess-property check of an object literal: every key the schema allows is
 * accepted, as the schema says (`additionalProperties` is open unless it is
 * `false`). Checked<C, F> then walks C beside F and turns into an error
 *  - a key F does not name that looks like a misspelling of one it does
 *    (the same after ignoring case, `_`, `-` and spaces; one edit apart; or
 *    the same stem with an ending of at most three letters changed:
 *    `repository` for `repositories`), naming the key meant;
 *  - any key F does not name, in an object whose schema is closed.
 * The cost is paid only by helper calls, and only along the keys C has.
 */
import type { closedObject, customName } from "./brand.js";

/** A connector name this package has no type for, opted out explicitly: `custom("my-source")`, or `Custom<"my-source">` in a type. */
export type Custom<Name extends string = string> = Name & { readonly [customName]: Name };

/** The plain name: `"github"` for `"github"`, `"my-source"` for `Custom<"my-source">`. */
export type PlainName<Name> = Name extends { readonly [customName]: infer Plain } ? Plain : Name;

/** `T` (an object type or a union of them) without the key `D`, keeping every other key, its doc comment and optionality. */
export type Fields<T, D extends string> = T extends unknown ? { [K in keyof T as K extends D ? never : K]: T[K] } : never;

/**
 * The helpers' constraint: the fields, plus any other key. Without the index
 * signature a configuration whose fields are all optional would be a "weak
 * type", and a config.json sharing none of its keys (all of them allowed by
 * the schema) would be refused.
 */
export type Open<T> = T & { readonly [key: string]: unknown };

/** `C` beside the fields it must fit: `unknown` where it is fine, an object naming the problem where it is not. */
export type Checked<C, F> = C extends readonly (infer Item)[]
  ? F extends readonly (infer FieldItem)[]
    ? readonly Checked<Item, FieldItem>[]
    : unknown
  : C extends object
    ? [Extract<F, object>] extends [never]
      ? unknown
      : CheckedObject<C, Branch<C, Extract<F, object>>>
    : C extends string
      ? CheckedString<C, F>
      : unknown;

/**
 * A pattern's run of digits is `${number}` in the field's type, which a
 * decimal also matches (`49.540` in `08:35:49.540Z` for `[0-9]{2}Z`). For a
 * string literal the helper sees, a dot must therefore survive being replaced
 * by `~` (no number has one): it does where the type has a literal dot or a
 * `${string}`, it does not where the dot could only sit inside a number.
 */
type CheckedString<C extends string, F> = string extends C
  ? unknown
  : C extends `${string}.${string}`
    ? [Extract<F, C>] extends [never]
      ? Undotted<C> extends F
        ? unknown
        : { readonly "has a decimal where the pattern wants digits only (see the field's @pattern)": C }
      : unknown
    : unknown;

type Undotted<S extends string> = S extends `${infer A}.${infer B}` ? Undotted<`${A}~${B}`> : S;

type CheckedObject<C, F> = {
  [K in keyof C]: K extends KeysOf<F> ? Checked<C[K], ValueAt<F, K>> : Extra<K, F>;
};

/** The members of the union F that C fits (all of F when it fits none: assignability reports that). */
type Branch<C, F> = [F extends unknown ? (C extends F ? F : never) : never] extends [infer Fits]
  ? [Fits] extends [never]
    ? F
    : Fits
  : F;

type KeysOf<F> = F extends unknown ? Exclude<keyof F, typeof closedObject> : never;
type ValueAt<F, K> = F extends unknown ? (K extends keyof F ? Exclude<F[K], undefined> : never) : never;

type Extra<K, F> = [Suggest<K, KeysOf<F>>] extends [never]
  ? true extends (F extends { readonly [closedObject]?: never } ? true : false)
    ? { readonly "is not a field; this object takes no other keys": K }
    : unknown
  : { readonly "is not a field; did you mean": Suggest<K, KeysOf<F>> };

/** The keys of Known that K looks like a misspelling of. */
type Suggest<K, Known> = K extends string ? (Known extends string ? (Near<K, Known> extends true ? Known : never) : never) : never;

type Near<A extends string, B extends string> =
  Normal<A> extends Normal<B>
    ? true
    : Short<Normal<B>> extends true
      ? false
      : OneEdit<Normal<A>, Normal<B>> extends true
        ? true
        : SameStem<Normal<A>, Normal<B>>;

type Normal<S extends string> = Lowercase<Unseparated<S>>;
type Unseparated<S extends string> = S extends `${infer A}_${infer B}`
  ? Unseparated<`${A}${B}`>
  : S extends `${infer A}-${infer B}`
    ? Unseparated<`${A}${B}`>
    : S extends `${infer A} ${infer B}`
      ? Unseparated<`${A}${B}`>
      : S;

/** Fewer than four characters. */
type Short<S extends string> = S extends `${infer _A}${infer _B}${infer _C}${infer D}` ? (D extends "" ? true : false) : true;

/** At most one insertion, deletion, replacement or swap of neighbours apart. */
type OneEdit<A extends string, B extends string> = A extends `${infer A1}${infer ARest}`
  ? B extends `${infer B1}${infer BRest}`
    ? A1 extends B1
      ? OneEdit<ARest, BRest>
      : ARest extends BRest
        ? true
        : ARest extends B
          ? true
          : A extends BRest
            ? true
            : ARest extends `${B1}${infer Tail}`
              ? BRest extends `${A1}${Tail}`
                ? true
                : false
              : false
    : ARest extends ""
      ? true
      : false
  : B extends `${string}${infer BRest}`
    ? BRest extends ""
      ? true
      : false
    : true;

/** A shared start of five characters or more, and endings of fewer than four on both sides. */
type SameStem<A extends string, B extends string, Count extends 0[] = []> = A extends `${infer A1}${infer ARest}`
  ? B extends `${A1}${infer BRest}`
    ? SameStem<ARest, BRest, [...Count, 0]>
    : Count extends [0, 0, 0, 0, 0, ...0[]]
      ? Short<A> extends true
        ? Short<B>
        : false
      : false
  : Count extends [0, 0, 0, 0, 0, ...0[]]
    ? Short<B>
    : false;

export {};
