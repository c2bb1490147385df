/**
 * The hub's one way to speak to Démarches Simplifiées: GraphQL over POST with the Bearer token,
 * under DS's rate limit, with timeouts. Queries are retried on a timeout, a network error or a
 * 5xx; mutations never are (DS does not deduplicate them: the caller checks DS before trying again).
 * A 429 answer (plain text) is waited out as its RateLimit-Reset header says, then sent again:
 * DS refused it, so it did nothing.
 */
import { z } from 'zod';

/** DS allows 400 requests a minute per token; stay a little under it. */
export const DS_REQUESTS_PER_MINUTE = 360;
const MINUTE_MS = 60_000;
export const DS_TIMEOUT_MS = 30_000;
/** Files DS serves are pre-signed URLs; a piece larger than this is refused, as the hub's blob store does. */
export const DS_MAX_FILE_BYTES = 200 * 1024 * 1024;

export type DsApiErrorCode =
  | 'unauthorized'
  | 'rate_limited'
  | 'timeout'
  | 'network'
  | 'http'
  | 'graphql'
  | 'invalid_answer'
  | 'expired_url'
  | 'too_large';

export interface DsGraphqlError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Every failure of a call to DS, with a message an administrator can act on (no token in it). */
export class DsApiError extends Error {
  constructor(
    readonly code: DsApiErrorCode,
    message: string,
    readonly details: { status?: number; errors?: readonly DsGraphqlError[]; operation?: string } = {},
  ) {
    super(message);
    this.name = 'DsApiError';
  }
}

export interface DsOperation {
  /** The GraphQL document, with exactly one named operation. */
  document: string;
  /** Its name, as in the document: DS logs it, the fake DS server records it. */
  name: string;
  kind: 'query' | 'mutation';
}

/** An answer as DS gives it: data, and errors beside it when only part of the query failed. */
export interface DsAnswer<T> {
  data: T;
  errors: readonly DsGraphqlError[];
}

export interface DsClientOptions {
  endpoint: string;
  token: string;
  requestsPerMinute?: number;
  timeoutMs?: number;
  /** How many times a query is sent again after a timeout, a network error or a 5xx. */
  queryRetries?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const GraphqlEnvelope = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface DsClientStats {
  requests: number;
  rateLimited: number;
  retries: number;
}

export class DsClient {
  readonly stats: DsClientStats = { requests: 0, rateLimited: 0, retries: 0 };
  private readonly sent: number[] = [];
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly perMinute: number;
  private readonly timeoutMs: number;
  private readonly queryRetries: number;

  constructor(private readonly options: DsClientOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.perMinute = options.requestsPerMinute ?? DS_REQUESTS_PER_MINUTE;
    this.timeoutMs = options.timeoutMs ?? DS_TIMEOUT_MS;
    this.queryRetries = options.queryRetries ?? 2;
  }

  /**
   * Sends the operation and checks its data against `answer`. Errors with no data throw; data
   * with errors beside it is returned with them when `partial` is allowed, else throws.
   */
  async request<T>(
    operation: DsOperation,
    variables: Record<string, unknown>,
    answer: z.ZodType<T>,
    { partial = false }: { partial?: boolean } = {},
  ): Promise<DsAnswer<T>> {
    const body = JSON.stringify({ query: operation.document, operationName: operation.name, variables });
    for (let attempt = 0; ; attempt++) {
      try {
        // Awaited here so that a 5xx read from the answer is retried like a failed send.
        return await this.readAnswer(operation, await this.post(operation, body), answer, partial);
      } catch (error) {
        const retriable = error instanceof DsApiError && ['timeout', 'network'].includes(error.code) || (error instanceof DsApiError && error.code === 'http' && (error.details.status ?? 0) >= 500);
        if (operation.kind === 'query' && retriable && attempt < this.queryRetries) {
          this.stats.retries++;
          await this.sleep(1000 * 2 ** attempt);
          continue;
        }
        throw error;
      }
    }
  }

  /** PUTs a file where createDirectUpload said, with the headers it gave (no Bearer: the URL is signed). */
  async upload(url: string, headers: Record<string, string>, bytes: Buffer): Promise<void> {
    const response = await this.send(url, { method: 'PUT', headers, body: new Uint8Array(bytes) }, 'upload');
    await this.body(() => response.arrayBuffer(), 'upload');
    if (!response.ok) throw new DsApiError('http', `DS refused the upload of the file (HTTP ${response.status})`, { status: response.status });
  }

  /** Downloads a file from its pre-signed URL; an expired URL is `expired_url` (read the dossier again for a new one). */
  async download(url: string): Promise<Buffer> {
    const response = await this.send(url, { method: 'GET' }, 'download');
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      await this.body(() => response.arrayBuffer(), 'download');
      throw new DsApiError('expired_url', `DS's link to the file has expired (HTTP ${response.status})`, { status: response.status });
    }
    if (!response.ok) throw new DsApiError('http', `DS did not serve the file (HTTP ${response.status})`, { status: response.status });
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > DS_MAX_FILE_BYTES) throw new DsApiError('too_large', `the file is larger than ${DS_MAX_FILE_BYTES} bytes`);
    const bytes = Buffer.from(await this.body(() => response.arrayBuffer(), 'download'));
    if (bytes.length > DS_MAX_FILE_BYTES) throw new DsApiError('too_large', `the file is larger than ${DS_MAX_FILE_BYTES} bytes`);
    return bytes;
  }

  private async post(operation: DsOperation, body: string): Promise<Response> {
    for (;;) {
      await this.waitForRoom();
      this.stats.requests++;
      const response = await this.send(
        this.options.endpoint,
        { method: 'POST', headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', accept: 'application/json' }, body },
        operation.name,
      );
      if (response.status !== 429) return response;
      // The body is plain text, not GraphQL; the reset is in seconds.
      await this.body(() => response.text(), operation.name);
      this.stats.rateLimited++;
      const reset = Number(response.headers.get('ratelimit-reset'));
      await this.sleep(Number.isFinite(reset) && reset > 0 ? Math.min(reset, 120) * 1000 : MINUTE_MS);
    }
  }

  private async send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw this.failure(error, what);
    }
  }

  /** Reads a body under its request's timeout: a body that stalls is a timeout, like an answer that does not come. */
  private async body<T>(read: () => Promise<T>, what: string): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw this.failure(error, what);
    }
  }

  private failure(error: unknown, what: string): DsApiError {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new DsApiError('timeout', `DS did not answer within ${this.timeoutMs / 1000} s (${what})`, { operation: what });
    }
    return new DsApiError('network', `DS could not be reached (${what}): ${(error as Error).message}`, { operation: what });
  }

  /** Keeps the requests of the last minute under the limit. */
  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - MINUTE_MS) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.sleep(this.sent[0]! + MINUTE_MS - now);
    }
  }

  private async readAnswer<T>(operation: DsOperation, response: Response, answer: z.ZodType<T>, partial: boolean): Promise<DsAnswer<T>> {
    const status = response.status;
    const text = await this.body(() => response.text(), operation.name);
    if (status === 401 || status === 403) {
      throw new DsApiError('unauthorized', 'DS refused the token: it may have expired, been revoked, or not allow this network', { status, operation: operation.name });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DsApiError('http', `DS answered ${operation.name} with HTTP ${status} and no JSON`, { status, operation: operation.name });
    }
    const envelope = GraphqlEnvelope.safeParse(json);
    if (!envelope.success) throw new DsApiError('invalid_answer', `DS's answer to ${operation.name} is not GraphQL`, { status, operation: operation.name });
    const errors = envelope.data.errors ?? [];
    const data = envelope.data.data;
    if (status >= 500 && (data === undefined || data === null)) throw new DsApiError('http', `DS failed on ${operation.name} (HTTP ${status})`, { status, operation: operation.name });
    if (data === undefined || data === null || (errors.length > 0 && !partial)) {
      const unauthorized = errors.some((error) => error.extensions?.code === 'unauthorized');
      throw new DsApiError(unauthorized ? 'unauthorized' : 'graphql', `DS refused ${operation.name}: ${errors.map((error) => error.message).join('; ') || 'no data'}`, { status, errors, operation: operation.name });
    }
    const parsed = answer.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DsApiError('invalid_answer', `DS's answer to ${operation.name} is not as expected at ${issue.path.join('.')}: ${issue.message}`, { status, operation: operation.name });
    }
    return { data: parsed.data, errors };
  }
}
