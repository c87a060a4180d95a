/** The machine a bench ran on: figures from a shared, loaded machine mean little without it. */
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the bench started and when it ended */
  loadAtStart: number[];
  loadAtEnd?: number[];
}

const round2 = (xs: number[]) => xs.map((x) => Number(x.toFixed(2)));

export function describeMachine(): Machine {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    loadAtStart: round2(loadavg()),
  };
}

export function finishMachine(machine: Machine): Machine {
  return { ...machine, loadAtEnd: round2(loadavg()) };
}
