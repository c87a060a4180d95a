/**
 * A bench contender in a process of its own (bench/call-worker.ts,
 * bench/walk-worker.ts): each pays for its own garbage collections and nobody
 * else's. The worker gets its spec as argv[2] (JSON), says `{ ready: true }`
 * once set up, then answers each message with one reply.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Worker<Ask, Answer> {
  ask(message: Ask): Promise<Answer>;
  kill(): void;
}

/** Starts `file` (TypeScript, through tsx) with `spec`; resolves once it is ready. */
export async function startWorker<Ask, Answer>(file: string, spec: object, { execPath = process.execPath, execArgv = [] as string[], name = file } = {}): Promise<Worker<Ask, Answer>> {
  const child: ChildProcess = fork(file, [JSON.stringify(spec)], { execPath, execArgv: [...execArgv, "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  // An error between two asks must not crash the bench: the next ask finds the worker gone and says so.
  child.on("error", () => undefined);
  /** The next message; an exit, a failed start (a bad execPath) or a failed send rejects it, naming the worker. */
  const reply = () =>
    new Promise<Answer>((resolve, reject) => {
      const done = () => {
        child.off("exit", onExit);
        child.off("error", onError);
        child.off("message", onMessage);
      };
      const onExit = (code: number | null) => (done(), reject(new Error(`bench: ${name} exited (code ${code}) before answering; its error is above.`)));
      const onError = (error: Error) => (done(), reject(new Error(`bench: ${name} failed: ${error.message}`)));
      const onMessage = (message: unknown) => (done(), resolve(message as Answer));
      child.once("exit", onExit);
      child.once("error", onError);
      child.once("message", onMessage);
    });
  try {
    await reply();
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    ask(message) {
      if (!child.connected) return Promise.reject(new Error(`bench: ${name} is no longer running (exit code ${child.exitCode}).`));
      const answer = reply();
      child.send(message as object, (error) => error && child.emit("error", error));
      return answer;
    },
    kill: () => void child.kill(),
  };
}

/**
 * In a worker: the CPU ms used since the previous call (the first call: since
 * this meter was made). A sample ends where the next begins, so work a batch
 * leaves behind (finalizers, the tail of a collection) while the worker waits
 * for its next turn is charged to it: timed from its own start only, a batch
 * left 12% of its CPU uncounted with a signal per Request, and 4-5% without.
 */
export function cpuMeter(): () => number {
  let last = process.cpuUsage();
  return () => {
    const now = process.cpuUsage();
    const ms = (now.user - last.user + now.system - last.system) / 1000;
    last = now;
    return ms;
  };
}

/**
 * In a worker: a node:http server on 127.0.0.1 in this process (its CPU per
 * request counts like the client's, as a user's local server would), answering
 * each request with the JSON `body` returns; resolves to its origin. It does not
 * keep the worker alive.
 */
export async function serveJson(body: (req: IncomingMessage) => string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    const text = body(req);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
