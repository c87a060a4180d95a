/**
 * npm run mock [-- --port 4010] [--latency <ms | min-max>] [--failure-rate <0-1>] [--seed <n>] [--quiet]:
 * a local Airbyte API on 127.0.0.1, driven by spec/ (see scripts/lib/mock/).
 * Any token or client credentials are accepted. Each request is printed
 * (credentials redacted) unless --quiet.
 *
 * The pid printed is this process, the server itself (tsx runs the script in
 * a child of its own): SIGTERM or SIGINT to it closes the server. It also
 * stops when its parent dies (it is re-parented) or, when its stdin is a
 * pipe, when that pipe closes: a mock started by a script or a test never
 * outlives it.
 */
import { fstatSync } from "node:fs";
import type { MockOptions } from "./lib/mock/server.js";

export const DEFAULT_MOCK_PORT = 4010;
const USAGE = "npm run mock -- [--port <0-65535>] [--latency <ms | min-max>] [--failure-rate <0-1>] [--seed <integer>] [--quiet]";

interface CliArgs extends MockOptions {
  port: number;
  quiet: boolean;
}

function bad(what: string): never {
  console.error(`Unknown or incomplete arguments \`${what}\`. Usage: ${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): CliArgs {
  const env = process.env["PORT"];
  const out: CliArgs = { port: DEFAULT_MOCK_PORT, quiet: false };
  if (env !== undefined && argv.length === 0) {
    const port = Number(env);
    if (env === "" || !Number.isInteger(port) || port < 0 || port > 65535) bad(`PORT=${env}`);
    out.port = port;
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (flag === "--quiet") {
      out.quiet = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) bad(argv.join(" "));
    i++;
    const n = Number(value);
    if (flag === "--port") {
      if (!Number.isInteger(n) || n < 0 || n > 65535) bad(argv.join(" "));
      out.port = n;
    } else if (flag === "--latency") {
      const range = /^(\d+)-(\d+)$/.exec(value);
      const latency = range ? ([Number(range[1]), Number(range[2])] as const) : n;
      if (typeof latency === "number" && !Number.isInteger(latency)) bad(argv.join(" "));
      out.latencyMs = latency;
    } else if (flag === "--failure-rate") {
      if (!Number.isFinite(n)) bad(argv.join(" "));
      out.failureRate = n;
    } else if (flag === "--seed") {
      if (!Number.isInteger(n)) bad(argv.join(" "));
      out.seed = n;
    } else bad(argv.join(" "));
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const { quiet, ...options } = args;
// Redocly, Ajv and openapi-backend are most of the start-up: loaded once the arguments are known to be good.
const { startMock } = await import("./lib/mock/server.js");
const mock = await startMock({ ...options, ...(quiet ? {} : { log: (line: string) => console.log(line) }) }).catch(
  (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Port ${args.port} is taken (is a mock already running?). Stop it, or pick another: npm run mock -- --port 4011`
        : `The mock could not start: ${error.message}`,
    );
    process.exit(error instanceof RangeError ? 2 : 1);
  },
);
console.log(`Airbyte mock API on ${mock.baseUrl} (pid ${process.pid}; Ctrl-C or kill ${process.pid} stops it)`);
console.log(`  base URL for the client: ${mock.baseUrl}   credentials: any bearer token or client id/secret`);
console.log(`  try: curl -H "Authorization: Bearer x" "${mock.baseUrl}/sources?limit=2"`);
console.log(`  errors on demand: curl -H "Authorization: Bearer x" -H "Prefer: code=429" "${mock.baseUrl}/sources"`);

let stopping = false;
const stop = (why: string) => {
  if (stopping) return;
  stopping = true;
  if (why !== "signal") console.error(`mock: stopping (${why}).`);
  void mock.close().then(() => process.exit(0));
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop("signal"));

// Started by a script or a test: stop with it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop("its parent process ended");
}, 500).unref();
let stdinIsPipe = false;
try {
  const stat = fstatSync(0);
  stdinIsPipe = stat.isFIFO() || stat.isSocket();
} catch {
  stdinIsPipe = false;
}
if (stdinIsPipe) {
  process.stdin.on("end", () => stop("stdin closed"));
  process.stdin.on("close", () => stop("stdin closed"));
  process.stdin.resume();
}
