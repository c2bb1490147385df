/** The synced change of the evaluation grid: one criterion's assessment. */
import { DraftKey } from '../../channels/drafts';
import { SetCriterionArgs } from '../../channels/evaluation';
import { IsoDateTime } from '../../domain/dossier';
import { setsOnly, syncedMutation } from '../effects';
import { dossierRef, fieldKey } from './keys';

export const setCriterion = syncedMutation({
  name: 'evaluation.setCriterion',
  // The desk sends the whole assessment (status, comment and evidence) as its author left it, so
  // that taking this change on another desk, or taking it back in a conflict, restores all of it.
  // `at`: when it was made, the same on every desk; `draftKey`: the author's comment draft, cleared there.
  args: SetCriterionArgs.safeExtend({ at: IsoDateTime, draftKey: DraftKey.optional() }),
  // One key per criterion: its status, comment and evidence are judged together.
  effects: ({ dossierId, criterionId, status, comment, evidence }) =>
    setsOnly(
      [
        {
          key: fieldKey('evaluation', `${dossierId}/${criterionId}`, 'assessment'),
          value: {
            ...(status !== undefined && { status }),
            ...(comment !== undefined && { comment }),
            ...(evidence !== undefined && { evidence }),
          },
        },
      ],
      { refs: [dossierRef(dossierId)] },
    ),
});
