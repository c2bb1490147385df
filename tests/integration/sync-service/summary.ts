import type { SyncSummary } from '../../../shared/channels/sync';

/** A round that moved nothing. */
export const ZERO_SUMMARY: SyncSummary = { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: 0, bytesUp: 0, bytesDown: 0 };
