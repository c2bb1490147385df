/** Serves the renderer build under app://relais/ (a secure, standard origin of its own, not file://). */
import path from 'node:path';
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { rendererCsp, securityHeaders } from '../core/security-headers';
import { APP_SCHEME, rendererFileFor } from './app-url';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Every answer carries the same headers as the browser host's: the CSP of index.html as a header too. */
export function serveRenderer(rendererDir: string): void {
  const headers = securityHeaders(rendererCsp(path.join(rendererDir, 'index.html')));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers });
    const answer = await net.fetch(pathToFileURL(file).toString());
    const merged = new Headers(answer.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(answer.body, { status: answer.status, headers: merged });
  });
}
