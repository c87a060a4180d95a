/**
 * Where a secret must not be used: any JavaScript a browser runs for a page,
 * the page itself or its web workers. A secret shipped there is readable by
 * every user of the page. Server runtimes are not browsers even when they
 * define browser-like globals: Deno (which had a `window` until 2.0, and has
 * `WorkerGlobalScope` in its workers), and Cloudflare Workers.
 */
import { AirbyteUsageError } from "./errors/index.js";

interface Globals {
  window?: unknown;
  document?: unknown;
  importScripts?: unknown;
  WorkerGlobalScope?: unknown;
  Deno?: { version?: { deno?: unknown } };
  navigator?: { userAgent?: unknown };
}

/** What kind of browser context this code runs in, or undefined on a server. */
export function browserContext(g: Globals = globalThis as Globals): string | undefined {
  if (typeof g.Deno?.version?.deno === "string" || g.navigator?.userAgent === "Cloudflare-Workers") return undefined;
  if (typeof g.importScripts === "function" || typeof g.WorkerGlobalScope === "function") return "a web worker";
  if (g.window !== undefined || g.document !== undefined) return "a browser page (a DOM window or document exists)";
  return undefined;
}

/** Refuses `what` (a kind of secret) in a browser context unless `dangerouslyAllowBrowser`. */
export function refuseInBrowser(dangerouslyAllowBrowser: boolean, what: string): void {
  const where = dangerouslyAllowBrowser ? undefined : browserContext();
  if (!where) return;
  throw new AirbyteUsageError(
    `${what} refused: this code runs in ${where}, and a secret shipped to a browser can be read by every user of the page. Keep it on a server and give the browser a short-lived bearer token (e.g. an embedded scoped token), or pass dangerouslyAllowBrowser: true if you understand the risk.`,
  );
}
