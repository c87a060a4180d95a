/**
 * What one operation of the spec is at run time. Defined here, on the ground
 * floor of src/, and imported by the generated operation table
 * (generated/operations.ts), which never prints a copy of it.
 */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** How to call one operation: everything the client reads at run time, and nothing more. */
export interface OperationSpec {
  /** The client group the method lives in (camelCase of the operation's tag). */
  readonly group: string;
  readonly method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/sources/{sourceId}`. */
  readonly path: string;
  /** Path parameter names in the order they appear in the path (= argument order). */
  readonly pathParams: readonly string[];
  /** The query parameters the operation declares; any other key is refused. */
  readonly queryParams: readonly string[];
  /** A JSON request body, and whether it is required. */
  readonly body: { readonly required: boolean } | null;
  /** What the documented success answer carries; "redirect" when it is a 3xx (returned, not followed). */
  readonly success: "json" | "text" | "none" | "redirect";
  /** False when the spec says `security: []`: no credentials are sent. */
  readonly authenticated: boolean;
  /** A list operation paged by `limit`/`offset` whose answer is `{ data, next, previous }`. */
  readonly paginated: boolean;
}
