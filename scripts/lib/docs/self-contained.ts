/**
 * The HTML reference loads nothing from another origin. Redocly's build-docs
 * inlines Redoc's script, but the script still points at a CDN: the "API docs
 * by Redocly" logo (an <img> the browser fetches as the page renders) and the
 * base URLs of icon sets. Those URLs are replaced here (the logo by an inline
 * SVG, icon bases by nothing, since the spec uses no icons), and the page is
 * refused if anything it would load still names an http(s) origin, so a
 * Redocly upgrade that adds one fails `npm run docs` instead of leaking
 * requests. Links the reader may click (`<a href>`) are not loads and stay.
 */

const CDN_URL = /https?:\/\/cdn\.[\w.-]+(?:\/[^\s"'`)<>]*)?/g;

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="68" height="14" viewBox="0 0 68 14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="currentColor">Redoc</text></svg>';
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;

/** What would make a browser fetch from the network: an attribute, a CSS url() or @import, naming an http(s) URL. */
const REMOTE_LOADS = [
  /\b(?:src|srcset|poster|data)\s*=\s*["']?\s*https?:\/\/[^"'\s>]*/gi,
  /<link\b[^>]*\bhref\s*=\s*["']?https?:\/\/[^"'\s>]*/gi,
  /url\(\s*["']?https?:\/\/[^"')\s]*/gi,
  /@import\s+["']https?:\/\/[^"']*/gi,
];

/** Every way the page would still load from another origin (empty when self-contained). */
export function remoteLoads(html: string): string[] {
  const found = [...(html.match(CDN_URL) ?? [])];
  for (const pattern of REMOTE_LOADS) found.push(...(html.match(pattern) ?? []));
  return found;
}

/** The page with every CDN URL made local; throws when something would still load from another origin. */
export function selfContained(html: string): string {
  const local = html.replace(CDN_URL, (url) => (url.endsWith(".svg") ? INLINE_LOGO : ""));
  const left = remoteLoads(local);
  if (left.length > 0) {
    throw new Error(
      `the HTML reference would load from another origin: ${[...new Set(left)].join(", ")}. ` +
        "Inline or drop it in scripts/lib/docs/self-contained.ts.",
    );
  }
  return local;
}
