/** Headers every response carries; none depends on the environment. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * The page's Content-Security-Policy: the browser may talk only to this origin and the engine
 * (`apiUrl`, read at request time like the URL the page hands the client), over HTTP and its
 * WebSocket twin. Next's inline bootstrap scripts need 'unsafe-inline'; dev's hot reload needs eval.
 */
export function contentSecurityPolicy(apiUrl: string, dev: boolean): string {
  const api = new URL(apiUrl);
  const wsApi = `${api.protocol === "https:" ? "wss:" : "ws:"}//${api.host}`;
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${api.origin} ${wsApi}${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
