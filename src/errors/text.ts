/**
 * Text from a peer (a problem title, an OAuth provider's error) goes into
 * messages that end up in terminals and log files. It is made one printable
 * line, so it can neither forge log lines (CR/LF) nor drive a terminal (ANSI
 * escapes), and bounded, so a hostile server cannot make messages huge.
 */

/** ANSI escape sequences (CSI ... final byte, OSC ... BEL/ST, and lone two-byte escapes). */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
/** C0 and C1 control characters and DEL, tabs and line breaks included. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One printable line of at most `max` characters (an ellipsis marks a cut). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(ANSI, "").replace(CONTROL, " ").replace(/ {2,}/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * How a message names a bad value: a number as itself (NaN, Infinity or -1 say
 * what is wrong), anything else by its type only (a string may be a secret).
 */
export function valueShown(value: unknown): string {
  return typeof value === "number" ? String(value) : typeof value;
}
