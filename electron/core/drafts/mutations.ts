/**
 * The one draft mutation: keeps or drops what an editor holds. Drafts stay on this computer (no
 * outbox) and out of the dossier's history (no dossier id): they are keystrokes, not instruction.
 * The journal keeps their length, never their text.
 */
import { z } from 'zod';
import { DraftKey, MAX_DRAFT_TEXT, type Draft } from '../../../shared/channels/drafts';
import { Id } from '../../../shared/domain/dossier';
import { dossierSeqOf } from '../dossiers/seq';
import { criterionOf } from '../evaluation/mutations';
import { defineMutation } from '../mutations';
import { loadProgramme } from '../reference/programme';
import { clearDraft, writeDraft } from './store';

/** What a key names beyond its shape: a criterion's comment must be one of the programme's criteria. */
function checkKey(key: string): void {
  const [area, criterionId] = key.split(':');
  if (area === 'evaluation') criterionOf(loadProgramme(), criterionId);
}

export const saveDraft = defineMutation({
  name: 'draft.save',
  // An empty text drops the draft.
  args: z.strictObject({ dossierId: Id, key: DraftKey, text: z.string().max(MAX_DRAFT_TEXT) }),
  outbox: false,
  apply(ctx, { dossierId, key, text }) {
    checkKey(key);
    const dossierSeq = dossierSeqOf(ctx.db, dossierId);
    const draft: Draft = { key, text, savedAt: ctx.clock().toISOString() };
    if (text === '') clearDraft(ctx.db, dossierSeq, key);
    else writeDraft(ctx.db, dossierSeq, draft);
    return { dossierId: null, before: null, after: { key, length: text.length }, result: draft };
  },
  journalArgs: ({ dossierId, key, text }) => ({ dossierId, key, length: text.length }),
});
