/**
 * How the sync engine reaches a hub: over HTTP in the product (http-transport.ts), or a
 * transport that drops, repeats and delays calls in the fault tests. The engine knows only this.
 */
import type { BlobStatus, EnrolRequest, EnrolResponse, HubErrorCode, MeResponse, PullQuery, PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';

export interface HubTransport {
  enrol(request: EnrolRequest): Promise<EnrolResponse>;
  me(): Promise<MeResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(query: Partial<PullQuery>): Promise<PullResponse>;
  /** null when the hub holds none of its bytes. */
  blobStatus(sha256: string): Promise<BlobStatus | null>;
  /** Sends `bytes` to be written at `offset` of a blob of `size` bytes. */
  putBlob(sha256: string, offset: number, size: number, bytes: Uint8Array): Promise<BlobStatus>;
  /** The bytes from `start` (default 0) to the end. */
  getBlob(sha256: string, start?: number): Promise<Uint8Array>;
}

/**
 * A call that did not get a usable answer: 'network' (no answer, a timeout: retried later) or
 * 'http' (the hub answered with an error code: 401s ask to sign in again, 5xx are retried).
 */
export class HubRequestError extends Error {
  constructor(
    readonly kind: 'network' | 'http',
    message: string,
    readonly status: number | null = null,
    readonly code: HubErrorCode | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'HubRequestError';
  }

  /** The device's token no longer opens the hub: the user must sign in again. */
  get needsLogin(): boolean {
    return this.status === 401;
  }

  /** Worth trying again later: no answer, a server error, a rate limit. */
  get retriable(): boolean {
    return this.kind === 'network' || (this.status !== null && (this.status >= 500 || this.status === 429));
  }
}
