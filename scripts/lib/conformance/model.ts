/** The shapes the comparison engine (conformance and spec:diff) works with. */

/**
 * What the engine knows about a difference beyond its id, so a consumer of the
 * result (spec:diff's classifier) need not re-read the documents. "ours" is the
 * spec under review (our spec, or the working tree); "theirs" the one it is
 * compared with (the provider's, or the base).
 */
export interface DifferenceFacts {
  /** An added property or parameter is required (a new required request field breaks callers). */
  required?: boolean;
  /** Our enum is open (`x-open-enum: true`). */
  open?: boolean;
  /** Type lists, content types or security schemes on each side. */
  ours?: string[];
  theirs?: string[];
}

/** One way our spec differs from the provider's. */
export interface Difference {
  /**
   * Stable, readable id that exceptions match on:
   * `<operationId> <location> <kind>[:<value>]`, e.g.
   * `getSource response.200.body.sourceType required-removed` or
   * `listJobs param.query.status enum-value-added:queued`.
   */
  id: string;
  operationId: string;
  location: string;
  kind: string;
  /** What each side says, for people. */
  detail: string;
  facts?: DifferenceFacts;
}

export interface Exception {
  match: string;
  reason: string;
}

export interface ConformanceResult {
  provider: { file: string; title?: string; version?: string };
  operations: { matched: number; missing: string[]; extra: string[] };
  differences: Array<Difference & { explainedBy?: string }>;
  unexplained: number;
  explained: number;
  staleExceptions: Exception[];
  /** Defects of the provider's file itself (e.g. dangling refs). */
  providerDefects: string[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Node = { [key: string]: Json };
