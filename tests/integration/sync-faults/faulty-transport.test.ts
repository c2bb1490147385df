/**
 * The fault-test transport itself: each fault reaches the hub as many times, and answers the desk
 * as, it claims; after calm() everything goes through. The hub here is a recorder of what arrives.
 */
import { describe, expect, it } from 'vitest';
import { HubRequestError, type HubTransport } from '../../../electron/core/sync/transport';
import type { PullResponse } from '../../../shared/sync/protocol';
import { DeskCrash, FaultyTransport, type Fault } from '../../fixtures/faulty-transport';

const HUB_ID = '0190f2c4-8f6e-7000-8000-000000000001';

/** Answers every pull with a page whose cursor counts the pulls that reached it. */
function recordingHub() {
  const arrived: string[] = [];
  const page = (): PullResponse => ({ cursor: `${HUB_ID}:${arrived.length}`, events: [], more: false, blobs: [] });
  const hub: HubTransport = {
    enrol: () => Promise.reject(new Error('not used')),
    me: () => Promise.reject(new Error('not used')),
    push: () => Promise.reject(new Error('not used')),
    pull: async (query) => {
      arrived.push(query.cursor ?? 'start');
      return page();
    },
    blobStatus: async () => null,
    putBlob: () => Promise.reject(new Error('not used')),
    getBlob: async () => new Uint8Array(),
  };
  return { hub, arrived };
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    const value = (await call) as PullResponse;
    return `answer ${value.cursor.split(':')[1]}`;
  } catch (error) {
    if (error instanceof DeskCrash) return 'crash';
    if (error instanceof HubRequestError) return error.kind === 'network' ? 'network' : `http ${error.status}`;
    throw error;
  }
}

const cases: { fault: Fault; reached: number; desk: string }[] = [
  { fault: 'pass', reached: 1, desk: 'answer 1' },
  { fault: 'drop_request', reached: 0, desk: 'network' },
  { fault: 'drop_answer', reached: 1, desk: 'network' },
  { fault: 'duplicate', reached: 2, desk: 'answer 2' },
  { fault: 'delay', reached: 1, desk: 'answer 1' },
  { fault: 'unauthorized', reached: 0, desk: 'http 401' },
  { fault: 'server_error', reached: 0, desk: 'http 503' },
  { fault: 'server_error_after', reached: 1, desk: 'http 502' },
  { fault: 'crash_before', reached: 0, desk: 'crash' },
  { fault: 'crash_after', reached: 1, desk: 'crash' },
];

describe('the faulty transport', () => {
  it.each(cases)('$fault reaches the hub $reached time(s) and answers the desk with $desk', async ({ fault, reached, desk }) => {
    const { hub, arrived } = recordingHub();
    const transport = new FaultyTransport(hub, [fault]);
    transport.storm();
    expect(await outcome(transport.pull({ cursor: `${HUB_ID}:7` }))).toBe(desk);
    await transport.settle();
    expect(arrived).toHaveLength(reached);
    expect(transport.log).toEqual([{ method: 'pull', fault }]);
  });

  it('holds a late copy back until the next call has left, then delivers it', async () => {
    const { hub, arrived } = recordingHub();
    const transport = new FaultyTransport(hub, ['late_copy', 'pass']);
    transport.storm();
    expect(await outcome(transport.pull({ cursor: `${HUB_ID}:1` }))).toBe('network');
    expect(arrived).toEqual([]);
    await outcome(transport.pull({ cursor: `${HUB_ID}:2` }));
    await transport.settle();
    // The held copy left after the second call: the hub may see them in either order, but both.
    expect([...arrived].sort()).toEqual([`${HUB_ID}:1`, `${HUB_ID}:2`]);
  });

  it('lets every call through before the storm and once calm, whatever the schedule still holds', async () => {
    const { hub, arrived } = recordingHub();
    const transport = new FaultyTransport(hub, ['drop_request', 'crash_before', 'unauthorized']);
    expect(await outcome(transport.pull({}))).toBe('answer 1');
    transport.storm();
    expect(await outcome(transport.pull({}))).toBe('network');
    transport.calm();
    for (let call = 2; call < 4; call += 1) expect(await outcome(transport.pull({}))).toBe(`answer ${call}`);
    expect(arrived).toHaveLength(3);
  });
});
