/**
 * npm run mock [-- --port 4010]: a local Airbyte API on 127.0.0.1, driven by
 * spec/ (see scripts/lib/mock/). Any token or client credentials are accepted.
 */
import { defaultSpec } from "./lib/shared/paths.js";
import type { BundledSpec } from "./lib/generate/model.js";

export const DEFAULT_MOCK_PORT = 4010;

function parsePort(argv: readonly string[]): number {
  const env = process.env["PORT"];
  const given = argv.length === 0 ? env : argv[1];
  const port = given === undefined ? DEFAULT_MOCK_PORT : Number(given);
  const badArgs = argv.length !== 0 && (argv[0] !== "--port" || argv.length !== 2);
  if (badArgs || !Number.isInteger(port) || port < 0 || port > 65535) {
    const what = argv.length === 0 ? `PORT=${env ?? ""}` : argv.join(" ");
    console.error(
      `Unknown or incomplete arguments \`${what}\`. Usage: npm run mock -- [--port <0-65535>]`,
    );
    process.exit(2);
  }
  return port;
}

const port = parsePort(process.argv.slice(2));
// Redocly, Ajv and openapi-backend are most of the start-up: loaded once the arguments are known to be good.
const [{ bundleSpec }, { startMock }] = await Promise.all([import("./lib/spec/redocly.js"), import("./lib/mock/server.js")]);
const spec = (await bundleSpec(defaultSpec)) as BundledSpec;
const mock = await startMock(spec, { port }).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} is taken (is a mock already running?). Stop it, or pick another: npm run mock -- --port 4011`
      : `The mock could not start: ${error.message}`,
  );
  process.exit(1);
});
console.log(`Airbyte mock API on ${mock.baseUrl}`);
console.log(
  `  base URL for the client: ${mock.baseUrl}   credentials: any bearer token or client id/secret`,
);
console.log(`  try: curl -H "Authorization: Bearer x" "${mock.baseUrl}/sources?limit=2"`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void mock.close().then(() => process.exit(0)));
