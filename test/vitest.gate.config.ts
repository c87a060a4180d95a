/** `npm run test:gate`: the pull-request gate's end-to-end tests (see GATE in vitest.config.ts). */
import { GATE, testConfig } from "./vitest.config.js";

export default testConfig([], GATE.map((glob) => `${glob.replace(/\*\*$/, "**/*")}.test.ts`));
