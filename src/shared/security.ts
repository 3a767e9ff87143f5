/**
 * The Content Security Policy for every page of the app, in Electron and in browser mode.
 * Nothing may load from anywhere but the app itself; no inline scripts; no plugins; no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The panel room's member pages (served by the room on the local network): only the page's own
 * scripts, styles and fonts, calls only to the room itself, no framing, nothing from elsewhere.
 */
export const ROOM_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // A picture a member opens (view only) is shown from a blob: the page makes itself, typed as a
  // picture (never as a page). Scripts never come from a blob: script-src stays 'self'.
  "img-src 'self' data: blob:",
  // A PDF is drawn by pdf.js (bundled), parsed in its worker, served by the room like the page's
  // scripts: no plugin, no <object>, and still no 'unsafe-eval'.
  "worker-src 'self'",
  "object-src 'none'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
