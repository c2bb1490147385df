/**
 * The hub over HTTP: JSON bodies checked against the protocol schemas on the way back, the
 * device token as a Bearer header, a timeout on every call. Anything but a valid answer becomes
 * a HubRequestError (network: no answer in time; http: the hub's error code), never the token.
 */
import type { ZodType } from 'zod';
import { RelaisError } from '../../../shared/errors';
import {
  BlobStatus,
  EnrolResponse,
  HubErrorBody,
  MeResponse,
  PullResponse,
  PushResponse,
  type EnrolRequest,
  type PullQuery,
  type PushRequest,
} from '../../../shared/sync/protocol';
import { DsStatus } from '../../../shared/sync/ds-status';
import { HubRequestError, type HubTransport } from './transport';

export interface HttpTransportOptions {
  hubUrl: string;
  /** Read on each call, so that a new sign-in is used at once. null: calls go without a token. */
  token: () => string | null;
  /** JSON calls; blob transfers get `blobTimeoutMs`. */
  timeoutMs?: number;
  blobTimeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// A chunk of 8 MB on a slow line (1 Mbit/s) takes about a minute.
const DEFAULT_BLOB_TIMEOUT_MS = 5 * 60_000;

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export class HttpTransport implements HubTransport {
  private readonly base: URL;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpTransportOptions) {
    // A trailing slash makes `new URL('v1/…', base)` keep a path prefix (a hub behind /relais/).
    this.base = new URL(options.hubUrl.endsWith('/') ? options.hubUrl : `${options.hubUrl}/`);
    this.fetch = options.fetch ?? fetch;
  }

  enrol(request: EnrolRequest): Promise<EnrolResponse> {
    return this.json(EnrolResponse, { method: 'POST', path: 'v1/enrol', json: request });
  }

  me(): Promise<MeResponse> {
    return this.json(MeResponse, { method: 'GET', path: 'v1/me' });
  }

  push(request: PushRequest): Promise<PushResponse> {
    return this.json(PushResponse, { method: 'POST', path: 'v1/push', json: request });
  }

  pull(query: Partial<PullQuery>): Promise<PullResponse> {
    return this.json(PullResponse, { method: 'GET', path: 'v1/pull', query: { cursor: query.cursor, limit: query.limit } });
  }

  /** The DS connector's status (administrateur accounts only). */
  dsStatus(): Promise<DsStatus> {
    return this.json(DsStatus, { method: 'GET', path: 'v1/admin/ds/status' });
  }

  async blobStatus(sha256: string): Promise<BlobStatus | null> {
    const response = await this.send({ method: 'HEAD', path: blobPath(sha256) }, [404]);
    if (response.status === 404) return null;
    return this.parse(BlobStatus, {
      sha256,
      received: Number(response.headers.get('x-blob-received')),
      size: Number(response.headers.get('x-blob-size')),
      complete: response.headers.get('x-blob-complete') === 'true',
    }, response.status);
  }

  putBlob(sha256: string, offset: number, size: number, bytes: Uint8Array): Promise<BlobStatus> {
    return this.json(BlobStatus, {
      method: 'PUT',
      path: blobPath(sha256),
      query: { offset, size },
      bytes,
      timeoutMs: this.options.blobTimeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS,
    });
  }

  async getBlob(sha256: string, start = 0): Promise<Uint8Array> {
    const timeoutMs = this.options.blobTimeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS;
    const headers: Record<string, string> = start > 0 ? { range: `bytes=${start}-` } : {};
    const response = await this.send({ method: 'GET', path: blobPath(sha256), headers, timeoutMs });
    return new Uint8Array(await this.body(response, (r) => r.arrayBuffer()));
  }

  private async json<T>(schema: ZodType<T>, call: Call): Promise<T> {
    const response = await this.send(call);
    return this.parse(schema, await this.body(response, (r) => r.json()), response.status);
  }

  private parse<T>(schema: ZodType<T>, value: unknown, status: number): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HubRequestError('http', `the hub's answer does not follow the protocol: ${parsed.error.message}`, status);
    return parsed.data;
  }

  /** Reads a body under the call's timeout: a hub that stalls mid-answer is a network failure. */
  private async body<T>(response: Response, read: (response: Response) => Promise<T>): Promise<T> {
    try {
      return await read(response);
    } catch (error) {
      throw networkError(this.base, error);
    }
  }

  /** Sends the call; any status but 2xx (or one of `accepted`) becomes a HubRequestError. */
  private async send(call: Call, accepted: number[] = []): Promise<Response> {
    const url = new URL(call.path, this.base);
    for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    const token = this.options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.bytes) {
      headers['content-type'] = 'application/octet-stream';
      // fetch takes views of a plain ArrayBuffer only; a chunk is at most 8 MB, the copy is cheap.
      body = new Uint8Array(call.bytes);
    }
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: call.method,
        headers,
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw networkError(this.base, error);
    }
    if (response.ok || accepted.includes(response.status)) return response;
    throw await hubError(response);
  }
}

function blobPath(sha256: string): string {
  return `v1/blobs/${encodeURIComponent(sha256)}`;
}

function networkError(base: URL, error: unknown): HubRequestError {
  const cause = error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error);
  return new HubRequestError('network', `${base.origin} could not be reached: ${cause}`);
}

async function hubError(response: Response): Promise<HubRequestError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy's page, kept out of the message (it may be long).
  }
  const parsed = HubErrorBody.safeParse(body);
  if (!parsed.success) return new HubRequestError('http', `the hub answered ${response.status}`, response.status);
  const { error, message, details } = parsed.data;
  return new HubRequestError('http', `the hub answered ${response.status} ${error}: ${message}`, response.status, error, details);
}

/** A hub failure as the error the desk shows (shared/errors), with no secret in it. */
export function relaisErrorOfHub(error: unknown, hubUrl: string): unknown {
  if (!(error instanceof HubRequestError)) return error;
  if (error.kind === 'network') return new RelaisError('hub_unreachable', { hubUrl });
  if (error.code === 'enrolment_invalid') return new RelaisError('hub_enrolment_refused');
  if (error.needsLogin) return new RelaisError('hub_login_required');
  if (error.code === 'rate_limited') return new RelaisError('hub_rate_limited');
  if (error.code === 'protocol_outdated') return new RelaisError('hub_protocol_outdated');
  return new RelaisError('hub_error', { status: error.status ?? 0, code: error.code ?? 'unknown' });
}
