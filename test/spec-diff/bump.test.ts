import { describe, expect, it } from "vitest";
import { adviseBump, isBumpedEnough, nextVersion } from "../../scripts/lib/release/bump.js";

const counts = (breaking: number, nonBreaking: number, warning = 0, docs = 0) => ({ breaking, nonBreaking, warning, docs });

describe("the bump advice (one rule for spec:diff, ci:pr and release)", () => {
  it("before 1.0.0 a breaking change bumps the minor and an addition the patch", () => {
    expect(adviseBump(counts(1, 3), "0.4.2")).toBe("minor");
    expect(adviseBump(counts(0, 3), "0.4.2")).toBe("patch");
    expect(nextVersion("0.4.2", "minor")).toBe("0.5.0");
    expect(nextVersion("0.4.2", "patch")).toBe("0.4.3");
  });
  it("from 1.0.0 a breaking change bumps the major and an addition the minor", () => {
    expect(adviseBump(counts(1, 0), "1.2.3")).toBe("major");
    expect(adviseBump(counts(0, 1), "1.2.3")).toBe("minor");
    expect(nextVersion("1.2.3", "major")).toBe("2.0.0");
    expect(nextVersion("1.2.3", "minor")).toBe("1.3.0");
  });
  it("warnings and documentation bump the patch; nothing bumps nothing", () => {
    expect(adviseBump(counts(0, 0, 1), "1.0.0")).toBe("patch");
    expect(adviseBump(counts(0, 0, 0, 2), "0.1.0")).toBe("patch");
    expect(adviseBump(counts(0, 0), "0.1.0")).toBe("none");
  });
  it("judges a bumped tree against the base version, not its own", () => {
    expect(isBumpedEnough("0.1.0", "0.2.0", "minor")).toBe(true);
    expect(isBumpedEnough("0.1.0", "0.1.1", "minor")).toBe(false);
    expect(isBumpedEnough("0.1.0", "0.1.0", "none")).toBe(true);
    expect(isBumpedEnough("0.1.0", "0.1.0", "patch")).toBe(false);
  });
  it("refuses what is not a version", () => {
    expect(() => adviseBump(counts(1, 0), "one")).toThrow(/not a semver version/);
  });
});
