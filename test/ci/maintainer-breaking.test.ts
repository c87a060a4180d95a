/**
 * docs/changing-the-spec.md, "A breaking change you mean", followed word by
 * word in a temporary clone: the BREAKING: line that `npm run release --
 * --breaking` writes lets `npm run ci:pr` pass on its first run; without it
 * the same tree fails, naming the break and the command that accepts it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Clone, type CommandRun, explain } from "../helpers/maintainer.js";

let clone: Clone;
let runs: CommandRun[];

beforeAll(async () => {
  clone = await Clone.create("breaking");
  runs = await clone.follow("A breaking change you mean");
}, 900_000);
afterAll(() => clone?.remove());

describe("a maintainer makes an intended breaking change as the guide says", () => {
  it("gets a green ci:pr on the first run, the break accepted by the CHANGELOG's BREAKING: line", () => {
    expect(runs.at(-1)?.command).toBe("npm run ci:pr");
    expect(
      runs.every((r) => r.code === 0),
      explain(runs),
    ).toBe(true);
    expect(runs.at(-1)?.output).toContain(
      "The breaking change is accepted as intended (the BREAKING: line of CHANGELOG.md's",
    );
    expect(runs.find((r) => r.command.startsWith("npm run release"))?.output).toMatch(
      /-> \d+\.\d+\.0 \(minor, as spec:diff suggests/,
    );
  });

  it(
    "fails without the BREAKING: line, saying what breaks and how to accept it",
    { timeout: 600_000 },
    async () => {
      const without = await clone.run(
        "sed -i '/^BREAKING: /d' CHANGELOG.md && npm run ci:pr -- --skip-tests",
      );
      expect(without.code).toBe(1);
      expect(without.output).toMatch(/\[breaking\] `getTag` response 200 field `?color`?:/);
      expect(without.output).toMatch(
        /\[API changes for users\] the spec change breaks users of the client .*nothing says it is intended/,
      );
      expect(without.output).toContain(
        'fix: undo it, or, if you mean it: `npm run release -- minor --breaking "<why>"`',
      );
    },
  );
});
