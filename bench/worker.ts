/**
 * A bench contender in a process of its own (bench/call-worker.ts,
 * bench/walk-worker.ts): each pays for its own garbage collections and nobody
 * else's. The worker gets its spec as argv[2] (JSON), says `{ ready: true }`
 * once set up, then answers each message with one reply.
 */
import { fork, type ChildProcess } from "node:child_process";

export interface Worker<Ask, Answer> {
  ask(message: Ask): Promise<Answer>;
  kill(): void;
}

/** Starts `file` (TypeScript, through tsx) with `spec`; resolves once it is ready. */
export async function startWorker<Ask, Answer>(file: string, spec: object, { execPath = process.execPath, execArgv = [] as string[], name = file } = {}): Promise<Worker<Ask, Answer>> {
  const child: ChildProcess = fork(file, [JSON.stringify(spec)], { execPath, execArgv: [...execArgv, "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const reply = () =>
    new Promise<Answer>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench: ${name} exited (code ${code}) before answering; its error is above.`));
      child.once("exit", onExit);
      child.once("message", (message) => {
        child.off("exit", onExit);
        resolve(message as Answer);
      });
    });
  try {
    await reply();
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    ask(message) {
      const answer = reply();
      child.send(message as object);
      return answer;
    },
    kill: () => void child.kill(),
  };
}
