import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const SELF = ["'self'"];

// The app ships no inline script or style and talks only to its own origin; anything looser
// would only widen what an injected string could do with someone's personal data.
const baseHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: SELF,
    scriptSrc: SELF,
    styleSrc: SELF,
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: SELF,
    workerSrc: SELF,
    manifestSrc: SELF,
    frameAncestors: ["'none'"],
    baseUri: SELF,
    formAction: SELF,
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  // Added below only over HTTPS: on plain-HTTP development servers it would be noise.
  strictTransportSecurity: false,
});

const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await baseHeaders(c, async () => {
      await next();
    });
    // Behind nginx the TLS ends at the proxy, so X-Forwarded-Proto is the only sign of HTTPS.
    // Trusting it unconditionally is harmless: browsers ignore HSTS received over plain HTTP.
    const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
    if (https) c.header('Strict-Transport-Security', HSTS);
  };
}
