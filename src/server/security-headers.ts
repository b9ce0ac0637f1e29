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
  crossOriginOpenerPolicy: 'same-origin',
  // Added below only over HTTPS: on plain-HTTP development servers it would be noise.
  strictTransportSecurity: false,
});

/**
 * What the pages may ask the browser for: the camera (photos of the damage) and the location ("use
 * my location" in the address picker), on our own origin only; nothing else, so an injected
 * script or a framed page cannot reach the microphone, payments or devices.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'geolocation=(self)',
  'microphone=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'midi=()',
  'display-capture=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'browsing-topics=()',
].join(', ');

const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * On every response: static files, API answers, sw.js, errors and 404s alike. A route may set a CSP
 * of its own for an answer the browser shows as a document of its own making (the staff photo, see
 * get-photo.ts); the base headers would overwrite it, so it is put back. Every other header is the
 * same for every answer.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    let routeCsp: string | null = null;
    await baseHeaders(c, async () => {
      await next();
      routeCsp = c.res.headers.get('Content-Security-Policy');
    });
    if (routeCsp !== null) c.header('Content-Security-Policy', routeCsp);
    c.header('Permissions-Policy', PERMISSIONS_POLICY);
    // Behind nginx the TLS ends at the proxy, so X-Forwarded-Proto is the only sign of HTTPS.
    // Trusting it unconditionally is harmless: browsers ignore HSTS received over plain HTTP.
    const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
    if (https) c.header('Strict-Transport-Security', HSTS);
  };
}
