// Plain JavaScript (type-checked by // @ts-check): the compile step in a process of its own, started by plain Node.
// @ts-check
/**
 * The compile step of build.mjs's buildDist in a process of its own (see
 * `separateProcess` there for why); the parent prunes and stamps dist/.
 */
import { compileHere } from "./build.mjs";

process.exitCode = (await compileHere()) ? 0 : 1;
