const ORIGIN = 'http://hearth.invalid';

/**
 * A path to send someone back to (after signing in, after a moderator's action), or null if it could lead anywhere
 * but this site. It is parsed as a URL, the way a browser will read it, and must stay on Hearth's own origin. Control
 * characters and backslashes are refused outright: browsers drop tabs and newlines from an address and read "\" as
 * "/", so "/\t/evil.example" and "/\evil.example" both lead to another site.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return null;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which on its own names another site.
  return path.startsWith('//') ? null : path;
}
