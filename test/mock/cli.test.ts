/** `npm run mock` refuses bad arguments and a taken port in one line that says what to do. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run.js";

const USAGE = "npm run mock -- [--port <0-65535>] [--latency <ms | min-max>] [--failure-rate <0-1>] [--seed <integer>] [--quiet]";

/** Starts `npm run mock` as npm does (through tsx) and reads the URL and pid it prints. */
async function startCli() {
  const child = spawn(process.execPath, [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), join(repoRoot, "scripts", "mock.ts"), "--port", "0", "--quiet"], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.setEncoding("utf8");
  while (!/pid \d+;/.test(out)) {
    const [chunk] = (await once(child.stdout, "data")) as [string];
    out += chunk;
  }
  const [, url = "", pid = ""] = /Airbyte mock API on (\S+) \(pid (\d+);/.exec(out) ?? [];
  return { child, url, pid: Number(pid), closed: once(child.stdout, "close") };
}

/** Whether anything still accepts connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

// Independent runs (each taken port is the test's own): side by side.
describe.concurrent("npm run mock", () => {
  it.each([
    [
      ["--port", "abc"],
      {},
      `Unknown or incomplete arguments \`--port abc\`. Usage: ${USAGE}`,
    ],
    [
      ["--port"],
      {},
      `Unknown or incomplete arguments \`--port\`. Usage: ${USAGE}`,
    ],
    [
      ["--prot", "4011"],
      {},
      `Unknown or incomplete arguments \`--prot 4011\`. Usage: ${USAGE}`,
    ],
    [
      [],
      { PORT: "70000" },
      `Unknown or incomplete arguments \`PORT=70000\`. Usage: ${USAGE}`,
    ],
  ])("%j %j exits 2", async (args, env, message) => {
    const result = await runScript("mock.ts", args, undefined, env);
    expect({ code: result.code, stderr: result.stderr.trim(), stdout: result.stdout }).toEqual({
      code: 2,
      stderr: message,
      stdout: "",
    });
  });

  it("a taken port exits 1 and suggests another", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      const result = await runScript("mock.ts", ["--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Port ${port} is taken (is a mock already running?). Stop it, or pick another: npm run mock -- --port 4011`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

// Each starts a whole mock (the spec bundled): one at a time, so a busy machine does not time them out.
describe("npm run mock never outlives what started it", () => {
  it("the printed pid is the server itself: SIGTERM to it frees the port", async () => {
    const { child, url, pid, closed } = await startCli();
    expect(pid).not.toBe(child.pid);
    expect(await listening(url)).toBe(true);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    process.kill(pid, "SIGTERM");
    await closed;
    await once(child, "exit").catch(() => undefined);
    expect(await listening(url)).toBe(false);
  }, 180_000);

  it("the server stops when its parent dies (no orphan listening on the port)", async () => {
    const { child, url, closed } = await startCli();
    expect(await listening(url)).toBe(true);
    child.kill("SIGKILL"); // tsx, the parent; the server's stdout pipe closes only once the server is gone
    await closed;
    // (Its pid may linger as a zombie until whoever adopted it reaps it; the port is what matters.)
    expect(await listening(url)).toBe(false);
  }, 180_000);

  it("the server stops when the stdin it was given closes", async () => {
    const { child, url, closed } = await startCli();
    expect(await listening(url)).toBe(true);
    child.stdin.end();
    await closed;
    expect(await listening(url)).toBe(false);
  }, 180_000);

});
