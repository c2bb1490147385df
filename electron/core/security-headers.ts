/**
 * Headers on every answer of the browser host. The Content-Security-Policy is the one the
 * renderer's index.html declares in its <meta> (one source of truth), plus the directives a
 * <meta> cannot carry.
 */
import { readFileSync } from 'node:fs';

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;

export function rendererCsp(indexHtmlPath: string): string {
  const policy = CSP_META.exec(readFileSync(indexHtmlPath, 'utf8'))?.[1];
  if (!policy) throw new Error(`${indexHtmlPath} declares no Content-Security-Policy`);
  return `${policy.trim().replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    // The desk needs no device: a page that asks is refused, as Electron's permission handlers do.
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), display-capture=(), usb=(), serial=(), hid=(), payment=()',
  };
}
