/** `npm run mock` refuses bad arguments and a taken port in one line that says what to do. */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";

// Independent runs (each taken port is the test's own): side by side.
describe.concurrent("npm run mock", () => {
  it.each([
    [
      ["--port", "abc"],
      {},
      "Unknown or incomplete arguments `--port abc`. Usage: npm run mock -- [--port <0-65535>]",
    ],
    [
      ["--port"],
      {},
      "Unknown or incomplete arguments `--port`. Usage: npm run mock -- [--port <0-65535>]",
    ],
    [
      ["--prot", "4011"],
      {},
      "Unknown or incomplete arguments `--prot 4011`. Usage: npm run mock -- [--port <0-65535>]",
    ],
    [
      [],
      { PORT: "70000" },
      "Unknown or incomplete arguments `PORT=70000`. Usage: npm run mock -- [--port <0-65535>]",
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
