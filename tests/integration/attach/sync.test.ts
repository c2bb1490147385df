/**
 * An attached piece travels like a visit photo: 'piece.attach' is applied by a real hub (PGlite,
 * real HTTP) once its blob is there, and another desk of the territory pulls it, bytes verified,
 * text indexed; a later re-import of the dossier from DS keeps it. A desk outside the territory
 * never receives it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../../electron/core/blobs/store';
import * as hostile from '../../fixtures/hostile';
import { makeDossier, pieceOf } from '../fixtures/core-dossiers';
import { Desk, importOnHub, startHub, type EngineHub } from '../sync-engine/hub-desks';

let hub: EngineHub;
const desks: Desk[] = [];

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  for (const desk of desks.splice(0)) desk.dispose();
  await hub.close();
});

async function desk(territories?: string[]): Promise<Desk> {
  const made = await Desk.enrol(hub, 'instructeur', territories);
  desks.push(made);
  return made;
}

describe('an attached piece between desks', () => {
  it('is accepted by the hub and reaches the other desk of the territory, and survives a re-import from DS', async () => {
    const dsPiece = Buffer.from(`%PDF-1.4 pièce DS ${randomBytes(8).toString('hex')}`);
    const dossier = makeDossier({ number: 801, state: 'en_instruction', territory: 'vosges', pieces: [pieceOf(sha256Of(dsPiece), 'Devis.pdf')] });
    await importOnHub(hub, [dossier], [dsPiece]);
    const [a, b, elsewhere] = [await desk(), await desk(), await desk(['ti-0001'])];
    for (const d of [a, b, elsewhere]) await d.round();

    const bytes = await hostile.textPdf(3, 'Attestation URSSAF');
    const { piece } = await a.call('pieces.attach', { dossierId: dossier.id, name: 'attestation.pdf', base64: bytes.toString('base64') });
    const pushed = await a.round();
    expect(pushed.rejected).toBe(0);
    expect(pushed.bytesUp).toBeGreaterThanOrEqual(bytes.byteLength);
    const { rows } = await hub.db.query<{ name: string }>('SELECT name FROM hub_event WHERE device_id = $1', [a.account.deviceId]);
    expect(rows.map((row) => row.name)).toEqual(['piece.attach']);

    await b.round();
    const onB = (await b.call('dossiers.get', { id: dossier.id })).pieces;
    expect(onB.map((p) => [p.name, p.sha256])).toEqual([
      ['Devis.pdf', sha256Of(dsPiece)],
      ['attestation.pdf', piece.sha256],
    ]);
    expect(onB[1]).toMatchObject({ textStatus: 'indexed', pageCount: 3, attached: { by: a.ctx.actor.name } });
    expect(b.ctx.blobs.read(piece.sha256).equals(bytes)).toBe(true);

    // DS sends the dossier again (a new piece): the attached one stays on both desks.
    const more = Buffer.from(`%PDF-1.4 nouvelle pièce ${randomBytes(8).toString('hex')}`);
    await importOnHub(hub, [{ ...dossier, pieces: [...dossier.pieces, pieceOf(sha256Of(more), 'Kbis.pdf')] }], [more]);
    await b.round();
    expect((await b.call('dossiers.get', { id: dossier.id })).pieces.map((p) => p.name)).toEqual(['Devis.pdf', 'Kbis.pdf', 'attestation.pdf']);

    await elsewhere.round();
    expect(elsewhere.ctx.db.prepare('SELECT count(*) FROM attached_piece').pluck().get()).toBe(0);
  });
});
