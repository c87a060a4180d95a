/**
 * What went through prettier while a function ran: the generator formats
 * .ts files with prettier's babel-ts parser, so every text that parser is
 * given is one prettier call. For tests of how much of a generated file
 * format.ts hands to prettier (it promises to call prettier only where the
 * layout needs it), in process, without mocking prettier's module.
 */
import { parsers } from "prettier/plugins/babel";

export async function prettierInputs<T>(
  run: () => Promise<T>,
): Promise<{ result: T; inputs: string[] }> {
  const parser = parsers["babel-ts"];
  const parse = parser.parse;
  const inputs: string[] = [];
  parser.parse = (text, options) => {
    inputs.push(text);
    return parse.call(parser, text, options);
  };
  try {
    return { result: await run(), inputs };
  } finally {
    parser.parse = parse;
  }
}
