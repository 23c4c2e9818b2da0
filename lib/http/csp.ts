// The Content-Security-Policy of every HTML page: scripts only with this response's nonce (Next puts it on its
// own inline scripts; 'strict-dynamic' lets those load the chunks), nothing framing us, no plugins, forms and
// connections to ourselves only. Styles allow inline attributes (server-rendered `style=`), which CSP nonces
// cannot cover; scripts are where injection would hurt.

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy for one response. `dev` allows what next dev's hot reload needs; `https` upgrades subresources. */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
