/**
 * The browser host: the renderer build and the contract over HTTP on 127.0.0.1, for one user
 * who holds the per-run token. Same handler map as Electron; only the transport differs.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { MAX_PHOTO_BYTES } from '../../shared/domain/visit';
import type { Envelope } from '../../shared/errors';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';
import { rendererCsp, securityHeaders } from '../core/security-headers';
import { bearerMatches, newToken } from './token';

/** out/renderer, from the sources (tsx, vitest) as from a bundle beside it. */
export const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');

/**
 * Contract arguments are small but for a visit photo, which travels in base64 (4 characters for
 * 3 bytes): the largest accepted photo fits, with room for its name and the JSON around it.
 */
export const BODY_LIMIT_BYTES = Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 64 * 1024;

export interface HostOptions {
  handlers: Handlers;
  token: string;
  rendererDir?: string;
}

export interface RunningHost {
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const unauthorized: Envelope = { ok: false, error: { code: 'unauthorized' } };

export function rendererIsBuilt(rendererDir = RENDERER_DIR): boolean {
  return existsSync(path.join(rendererDir, 'index.html'));
}

export function createHostServer({ handlers, token, rendererDir = RENDERER_DIR }: HostOptions): FastifyInstance {
  const headers = securityHeaders(rendererCsp(path.join(rendererDir, 'index.html')));
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true });

  // A page of another site may post text/plain without asking first: only JSON is accepted.
  app.removeContentTypeParser('text/plain');

  // Refuses a name other than the loopback address: a rebound DNS name reaches no page.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const { port } = app.server.address() as AddressInfo;
    if (request.headers.host !== `127.0.0.1:${port}` && request.headers.host !== `localhost:${port}`) {
      return reply.code(421).send(unauthorized);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    const envelope: Envelope =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? { ok: false, error: { code: 'request_too_large', params: { maxMb: MAX_PHOTO_BYTES / (1024 * 1024) } } }
        : status < 500
        ? { ok: false, error: { code: 'invalid_arguments', issues: [{ path: '', message: error.message }] } }
        : { ok: false, error: { code: 'internal', params: { message: error.message } } };
    return reply.code(status).send(envelope);
  });

  app.post<{ Params: { channel: string } }>(
    '/api/call/:channel',
    {
      // Before the body is read: nothing from a caller without the token is parsed.
      onRequest: async (request, reply) => {
        if (!bearerMatches(token, request.headers.authorization)) return reply.code(401).send(unauthorized);
      },
    },
    async (request) => dispatch(handlers, request.params.channel, request.body ?? {}),
  );

  app.register(fastifyStatic, { root: rendererDir, index: 'index.html', list: false, dotfiles: 'deny' });
  return app;
}

export async function startHost(options: Omit<HostOptions, 'token'> & { port?: number }): Promise<RunningHost> {
  const token = newToken();
  const app = createHostServer({ ...options, token });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/?token=${token}`, close: () => app.close() };
}
