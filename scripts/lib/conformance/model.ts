/** The shapes the conformance check works with. */

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
