/**
 * An error the hub answers with: an HTTP status and a code of the protocol (shared/sync/protocol),
 * with an English message for logs and administrators; desks translate the code.
 */
import type { HubErrorCode } from '../shared/sync/protocol';

export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HubError';
  }
}
