/** A hub database with dossiers imported, and the people and devices that push to it, for hub tests. */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubRole, HubUser, PushItem, PushRequest, PushResult } from '../../../shared/sync/protocol';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { putBlobChunk } from '../../../server/blobs/store';
import type { HubDatabase, Principal } from '../../../server/db/database';
import { applyPush } from '../../../server/sync/push';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { makeDossier, TERRITORIES, type DossierSpec } from '../fixtures/core-dossiers';

export const NOW = new Date('2026-11-20T10:00:00.000Z');

/** A person on one device: pushes numbered in the device's order, as a desk's outbox does. */
export class TestDevice {
  readonly principal: Principal;
  private seq = 0;

  constructor(
    readonly db: HubDatabase,
    user: HubUser,
  ) {
    this.principal = { user, deviceId: uuidv7() };
  }

  /** A new person of that role and those territories, on their first device. */
  static forRole(db: HubDatabase, role: HubRole, territories: (keyof typeof TERRITORIES)[], email = `${role}-${randomBytes(3).toString('hex')}@example.fr`): TestDevice {
    return new TestDevice(db, { id: uuidv7(), email, name: `Agent ${role}`, role, territories: territories.map((t) => TERRITORIES[t].territoryId) });
  }

  /** Another device of the same person. */
  secondDevice(): TestDevice {
    return new TestDevice(this.db, this.principal.user);
  }

  item(name: string, args: unknown, dossierId: string | null, base: PushItem['base'] = {}): PushItem {
    return { mutationId: uuidv7(), clientSeq: ++this.seq, name, args, dossierId, base, at: NOW.toISOString() };
  }

  request(items: PushItem[]): PushRequest {
    return { protocol: PROTOCOL_VERSION, appVersion: '0.1.0', items };
  }

  async push(...items: PushItem[]): Promise<PushResult[]> {
    return (await applyPush(this.db, this.principal, this.request(items), NOW)).results;
  }

  /** Pushes one change and returns its one result. */
  async one(name: string, args: unknown, dossierId: string | null, base: PushItem['base'] = {}): Promise<PushResult> {
    return (await this.push(this.item(name, args, dossierId, base)))[0]!;
  }
}

export async function importDossier(db: HubDatabase, spec: Partial<DossierSpec> = {}): Promise<DossierImport> {
  const dossier = makeDossier({ number: 1000 + Math.floor(Math.random() * 1e6), state: 'en_instruction', territory: 'vosges', arDate: '2026-01-15', ...spec });
  await recordHubEvents(db, [{ name: 'dossier.import', args: dossier }], NOW);
  return dossier;
}

export async function storeBlob(db: HubDatabase, bytes: Uint8Array = randomBytes(64)): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await putBlobChunk(db, sha256, 0, bytes.length, bytes);
  return sha256;
}

export function expectStatus<S extends PushResult['status']>(result: PushResult, status: S): Extract<PushResult, { status: S }> {
  if (result.status !== status) throw new Error(`expected ${status}, got ${JSON.stringify(result)}`);
  return result as Extract<PushResult, { status: S }>;
}
