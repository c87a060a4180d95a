/**
 * How long a server asked us to wait, read strictly. `Date.parse` is far too
 * lenient for a header (it reads "-1" and "+5" as dates in 2001), so only the
 * forms HTTP defines are accepted (RFC 9110 §10.2.3, §5.6.7):
 * - `retry-after-ms: <non-negative number>` (milliseconds; OpenAI-style APIs send it),
 * - `Retry-After: <non-negative integer>` (seconds),
 * - `Retry-After: <HTTP-date>` in IMF-fixdate, RFC 850 or asctime form.
 * Anything else counts as not said.
 */

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
/**
 * The three HTTP-date forms in one pattern: they differ only up to the time,
 * and in what follows it (GMT, or asctime's year).
 * - IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT (groups 1-3: day, month, year)
 * - RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (groups 4-6: day, month, two-digit year)
 * - asctime: Sun Nov  6 08:49:37 1994 (groups 7-8: month, day; group 12: year)
 * Groups 9-11: hours, minutes, seconds.
 */
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) ([A-Z][a-z]{2}) (\d{4})|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-([A-Z][a-z]{2})-(\d\d)|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d)) (\d\d):(\d\d):(\d\d) (?:GMT|(\d{4}))$/;

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
  const g = HTTP_DATE.exec(text);
  // asctime (month in group 7) ends with its year, the other two with GMT.
  if (!g || !g[7] !== !g[12]) return undefined;
  const [day, hours, minutes, seconds] = [g[1] ?? g[4] ?? g[8], g[9], g[10], g[11]].map(Number) as [number, number, number, number];
  const month = MONTHS.indexOf(g[2] ?? g[5] ?? (g[7] as string));
  if (month % 3 || day < 1 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const year = g[6] ? fullYear(Number(g[6]), now) : Number(g[3] ?? g[12]);
  const ms = Date.UTC(year, month / 3, day, hours, minutes, Math.min(seconds, 59));
  // Date.UTC rolls 31 Feb over into March: such a date is not a date.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
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
