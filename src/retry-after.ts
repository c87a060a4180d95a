/**
 * How long a server asked us to wait, read strictly. `Date.parse` is far too
 * lenient for a header (it reads "-1" and "+5" as dates in 2001), so only the
 * forms HTTP defines are accepted (RFC 9110 §10.2.3, §5.6.7):
 * - `retry-after-ms: <non-negative number>` (milliseconds; OpenAI-style APIs send it),
 * - `Retry-After: <non-negative integer>` (seconds),
 * - `Retry-After: <HTTP-date>` in IMF-fixdate, RFC 850 or asctime form.
 * Anything else counts as not said.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** Sun Nov  6 08:49:37 1994 */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Longest wait we represent; anything longer is as good as "never" and must not overflow timers. */
const MAX_MS = Number.MAX_SAFE_INTEGER;

/**
 * The wait the response asks for, in ms (0 for a date in the past), or
 * undefined when it did not ask or asked in a form HTTP does not define.
 */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.min(MAX_MS, Math.ceil(Number(ms)));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(MAX_MS, Number(value) * 1000);
  const date = parseHttpDate(value, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** Epoch ms of an HTTP-date in one of its three forms, or undefined. */
export function parseHttpDate(text: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC_850.exec(text);
  if (m) return utc(fullYear(Number(m[3]), now), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = ASCTIME.exec(text);
  if (m) return utc(Number(m[6]), m[1], Number(m[2]?.trim()), m[3], m[4], m[5]);
  return undefined;
}

/**
 * RFC 850's two-digit year: RFC 9110 says a year that looks more than 50 years
 * in the future is in the past century.
 */
function fullYear(twoDigits: number, now: number): number {
  const thisYear = new Date(now).getUTCFullYear();
  const year = Math.floor(thisYear / 100) * 100 + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}

function utc(year: number, month: string | undefined, day: number, h?: string, min?: string, s?: string): number | undefined {
  const monthIndex = MONTHS.indexOf(month?.toLowerCase() ?? "");
  const [hours, minutes, seconds] = [Number(h), Number(min), Number(s)];
  if (monthIndex === -1 || day < 1 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const ms = Date.UTC(year, monthIndex, day, hours, minutes, Math.min(seconds, 59));
  // Date.UTC rolls 31 Feb over into March: such a date is not a date.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
