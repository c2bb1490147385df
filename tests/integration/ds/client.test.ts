/**
 * The DS client over real HTTP, against the fake DS (the real schema, its faults) and, where an
 * answer is easier scripted, a bare node:http server: 429 waited out as RateLimit-Reset says, the
 * per-minute limit on an injected clock, timeouts (a query sent again, a mutation never), answers
 * with data and errors, a refused token, and no error message that carries the token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DsApiError, DsClient, type DsClientOptions, type DsOperation } from '../../../server/ds/client';
import { DemarcheInstructeursAnswer, demarcheInstructeursOperation } from '../../../server/ds/operations/demarche';
import { startFakeDs, tiDemarche, type FakeDs } from '../../fixtures/ds';

const TOKEN = 'ds-secret-token-0b9e6c1d2f';

const query: DsOperation = { name: 'RelaisPing', kind: 'query', document: 'query RelaisPing($demarche: Int!) { demarche(number: $demarche) { id number } }' };
const mutation: DsOperation = {
  name: 'RelaisPasser',
  kind: 'mutation',
  document: 'mutation RelaisPasser($input: DossierPasserEnInstructionInput!) { dossierPasserEnInstruction(input: $input) { errors { message } } }',
};
const Ping = z.object({ demarche: z.object({ id: z.string(), number: z.number() }) });
const DATA = { demarche: { id: 'RGVtYXJjaGUtMTI=', number: 12 } };

type Handler = (request: IncomingMessage, response: ServerResponse, call: number) => void;

interface Bare {
  url: string;
  calls: { operationName: string; authorization?: string; at: number }[];
}

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  servers = [];
});

/** A server answering each call with `handler` (its 0-based call number); `clock` stamps each call. */
async function bareDs(handler: Handler, clock: () => number = Date.now): Promise<Bare> {
  const calls: Bare['calls'] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const call = calls.length;
      calls.push({ operationName: (JSON.parse(body) as { operationName: string }).operationName, authorization: request.headers.authorization, at: clock() });
      handler(request, response, call);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/graphql`, calls };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A client whose pauses are recorded and skipped, so that waiting is asserted rather than slept. */
function client(url: string, options: Partial<DsClientOptions> = {}) {
  const sleeps: number[] = [];
  const ds = new DsClient({
    endpoint: url,
    token: TOKEN,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { ds, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<DsApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DsApiError);
  expect((error as Error).message).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  return error as DsApiError;
}

describe('the DS client', () => {
  it('sends the Bearer token and reads the data', async () => {
    const bare = await bareDs((_request, response) => json(response, 200, { data: DATA }));
    const { ds } = client(bare.url);
    expect(await ds.request(query, { demarche: 12 }, Ping)).toEqual({ data: DATA, errors: [] });
    expect(bare.calls).toEqual([{ operationName: 'RelaisPing', authorization: `Bearer ${TOKEN}`, at: expect.any(Number) }]);
  });

  it('waits as RateLimit-Reset says after a 429, then sends the call again, mutations included', async () => {
    const bare = await bareDs((_request, response, call) => {
      if (call % 2 === 0) return response.writeHead(429, { 'content-type': 'text/plain', 'RateLimit-Reset': '7' }).end('Too many requests');
      json(response, 200, call === 1 ? { data: DATA } : { data: { dossierPasserEnInstruction: { errors: null } } });
    });
    const { ds, sleeps } = client(bare.url);
    expect((await ds.request(query, { demarche: 12 }, Ping)).data).toEqual(DATA);
    await ds.request(mutation, { input: { dossierId: 'RG9zc2llci0x', instructeurId: 'SW5z' } }, z.unknown());
    expect(sleeps).toEqual([7000, 7000]);
    expect(bare.calls.map((call) => call.operationName)).toEqual(['RelaisPing', 'RelaisPing', 'RelaisPasser', 'RelaisPasser']);
    expect(ds.stats.rateLimited).toBe(2);
  });

  it('never sends more than its limit in any minute', async () => {
    let now = 1_000_000;
    const bare = await bareDs((_request, response) => json(response, 200, { data: DATA }), () => now);
    const sleeps: number[] = [];
    const ds = new DsClient({
      endpoint: bare.url,
      token: TOKEN,
      requestsPerMinute: 5,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    for (let i = 0; i < 12; i++) {
      await ds.request(query, { demarche: 12 }, Ping);
      now += 1000;
    }
    expect(bare.calls).toHaveLength(12);
    const times = bare.calls.map((call) => call.at);
    for (const at of times) expect(times.filter((other) => other >= at && other < at + 60_000).length).toBeLessThanOrEqual(5);
    // Twelve calls at five a minute take two waits past the first minute.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(120_000);
    expect(sleeps.length).toBe(2);
  });

  it('sends a query again after a timeout, never a mutation', async () => {
    const bare = await bareDs((_request, response, call) => {
      // The first call of each operation hangs until the client gives up.
      if (call === 0 || call === 2) return;
      json(response, 200, { data: DATA });
    });
    const { ds } = client(bare.url, { timeoutMs: 300 });
    expect((await ds.request(query, { demarche: 12 }, Ping)).data).toEqual(DATA);
    expect(ds.stats.retries).toBe(1);
    expect(bare.calls.map((call) => call.operationName)).toEqual(['RelaisPing', 'RelaisPing']);

    const error = await failure(ds.request(mutation, { input: { dossierId: 'RG9zc2llci0x', instructeurId: 'SW5z' } }, z.unknown()));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0.3 s/);
    expect(bare.calls.map((call) => call.operationName)).toEqual(['RelaisPing', 'RelaisPing', 'RelaisPasser']);
  });

  it('takes an answer whose body stalls for a timeout too: a query is sent again', async () => {
    const bare = await bareDs((_request, response, call) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // The first answer starts, then stops mid-body.
      if (call === 0) return response.write('{"data":{"demar');
      response.end(JSON.stringify({ data: DATA }));
    });
    const { ds } = client(bare.url, { timeoutMs: 300 });
    expect((await ds.request(query, { demarche: 12 }, Ping)).data).toEqual(DATA);
    expect(ds.stats.retries).toBe(1);
    expect(bare.calls).toHaveLength(2);
  });

  it('gives up on a query after its retries, with the last reason', async () => {
    const bare = await bareDs((_request, response) => json(response, 502, { errors: [{ message: 'Bad gateway' }] }));
    const { ds, sleeps } = client(bare.url, { queryRetries: 2 });
    const error = await failure(ds.request(query, { demarche: 12 }, Ping));
    expect(error.code).toBe('http');
    expect(error.details.status).toBe(502);
    expect(bare.calls).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('returns data with the errors beside it when partial answers are allowed, and throws otherwise', async () => {
    const errors = [{ message: 'Le champ « Devis » ne peut pas être lu', path: ['demarche', 'id'] }];
    const bare = await bareDs((_request, response) => json(response, 200, { data: DATA, errors }));
    const { ds } = client(bare.url);
    expect(await ds.request(query, { demarche: 12 }, Ping, { partial: true })).toEqual({ data: DATA, errors });
    const error = await failure(ds.request(query, { demarche: 12 }, Ping));
    expect(error.code).toBe('graphql');
    expect(error.message).toBe('DS refused RelaisPing: Le champ « Devis » ne peut pas être lu');
    expect(error.details.errors).toEqual(errors);
  });

  it('throws `graphql` with DS’s messages when there is no data', async () => {
    const bare = await bareDs((_request, response) => json(response, 200, { data: null, errors: [{ message: 'Démarche introuvable' }] }));
    const error = await failure(client(bare.url).ds.request(query, { demarche: 12 }, Ping, { partial: true }));
    expect(error.code).toBe('graphql');
    expect(error.message).toContain('Démarche introuvable');
  });

  it('reads a refused token as `unauthorized`, HTTP 401 or a GraphQL error coded so, without sending it again', async () => {
    const bare = await bareDs((_request, response, call) =>
      call === 0
        ? json(response, 401, { errors: [{ message: 'Without a token, only persisted queries are allowed' }] })
        : json(response, 200, { data: null, errors: [{ message: 'Unauthorized', extensions: { code: 'unauthorized' } }] }),
    );
    const { ds } = client(bare.url);
    expect((await failure(ds.request(query, { demarche: 12 }, Ping))).code).toBe('unauthorized');
    expect((await failure(ds.request(query, { demarche: 12 }, Ping))).code).toBe('unauthorized');
    expect(bare.calls).toHaveLength(2);
  });

  it('says what is wrong with an answer that is not GraphQL or not as expected', async () => {
    const bare = await bareDs((_request, response, call) =>
      call === 0 ? response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>') : json(response, 200, { data: { demarche: { id: 5 } } }),
    );
    const { ds } = client(bare.url);
    const notJson = await failure(ds.request(query, { demarche: 12 }, Ping));
    expect(notJson.message).toBe('DS answered RelaisPing with HTTP 200 and no JSON');
    const unexpected = await failure(ds.request(query, { demarche: 12 }, Ping));
    expect(unexpected.code).toBe('invalid_answer');
    expect(unexpected.message).toMatch(/^DS's answer to RelaisPing is not as expected at demarche\.id/);
  });

  it('reports an unreachable DS as `network`, the token kept out of the message', async () => {
    const bare = await bareDs(() => undefined);
    servers.pop()!.close();
    const { ds } = client(bare.url, { queryRetries: 1 });
    const error = await failure(ds.request(query, { demarche: 12 }, Ping));
    expect(error.code).toBe('network');
    expect(bare.calls).toHaveLength(0);
  });
});

describe('the DS client against the fake DS', () => {
  let fake: FakeDs;
  let demarche: number;
  const ask = (ds: DsClient, options?: { partial?: boolean }) => ds.request(demarcheInstructeursOperation, { demarche }, DemarcheInstructeursAnswer, options);
  const fakeClient = (options: Partial<DsClientOptions> = {}) => {
    const sleeps: number[] = [];
    const ds = new DsClient({
      endpoint: fake.url,
      token: fake.token,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });
    return { ds, sleeps };
  };

  beforeAll(async () => {
    fake = await startFakeDs();
    ({ demarche } = await tiDemarche(fake, { dossiers: 0 }));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('reads a démarche with the token the fake accepts', async () => {
    const { data, errors } = await ask(fakeClient().ds);
    expect(data.demarche.number).toBe(demarche);
    expect(data.demarche.groupeInstructeurs.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('is refused another token as `unauthorized`', async () => {
    const error = await failure(ask(new DsClient({ endpoint: fake.url, token: TOKEN })));
    expect(error.code).toBe('unauthorized');
    expect(error.details.status).toBe(401);
  });

  it('waits out the fake’s 429 as its RateLimit-Reset says, then has its answer', async () => {
    fake.faults.rateLimit(2, 3, 'RelaisDemarcheInstructeurs');
    const before = fake.requests.length;
    const { ds, sleeps } = fakeClient();
    expect((await ask(ds)).data.demarche.number).toBe(demarche);
    expect(sleeps).toEqual([3000, 3000]);
    expect(fake.requests.slice(before).map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('sends a query again when the fake answers too late', async () => {
    fake.faults.delay(1, 1500, 'RelaisDemarcheInstructeurs');
    const before = fake.requests.length;
    const { ds } = fakeClient({ timeoutMs: 500 });
    expect((await ask(ds)).data.demarche.number).toBe(demarche);
    expect(ds.stats.retries).toBe(1);
    expect(fake.requests.length - before).toBe(2);
  });

  it('sends a query again after a 5xx, and gives DS’s field errors beside the data only when asked', async () => {
    fake.faults.serverError(1, 'RelaisDemarcheInstructeurs', 503);
    const { ds } = fakeClient();
    expect((await ask(ds)).data.demarche.number).toBe(demarche);
    expect(ds.stats.retries).toBe(1);

    fake.faults.partial(1, 'RelaisDemarcheInstructeurs');
    const partial = await ask(ds, { partial: true });
    expect(partial.errors.length).toBeGreaterThan(0);
    fake.faults.partial(1, 'RelaisDemarcheInstructeurs');
    expect((await failure(ask(ds))).code).toBe('graphql');
  });
});
