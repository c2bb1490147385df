/** 'dossier.setFollowed': the instructor's own watch list, sent to the hub like any other change. */
import { RelaisError } from '../../../shared/errors';
import { dossiers } from '../../../shared/sync/mutations';
import { statementsFor } from '../db/statements';
import { defineSyncedMutation } from '../mutations';

const statements = statementsFor((db) => ({
  current: db.prepare<[string], number>('SELECT followed FROM dossier WHERE id = ?').pluck(),
  set: db.prepare<[number, string]>('UPDATE dossier SET followed = ? WHERE id = ?'),
}));

// A follow from a bulk action names its batch (electron/core/bulk).
export const setFollowed = defineSyncedMutation(dossiers.setFollowed, {
  apply(ctx, { id, followed }) {
    const s = statements(ctx.db);
    const current = s.current.get(id);
    if (current === undefined) throw new RelaisError('not_found', { what: `dossier ${id}` });
    s.set.run(followed ? 1 : 0, id);
    return { dossierId: id, before: { followed: current === 1 }, after: { followed }, result: { followed } };
  },
});
