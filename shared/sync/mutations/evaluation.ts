/** The synced change of the evaluation grid: one criterion's assessment. */
import { SetCriterionArgs } from '../../channels/evaluation';
import { IsoDateTime } from '../../domain/dossier';
import { setsOnly, syncedMutation } from '../effects';
import { dossierRef, fieldKey } from './keys';

export const setCriterion = syncedMutation({
  name: 'evaluation.setCriterion',
  // `at`: when the assessment was made, the same on every desk that replays it.
  args: SetCriterionArgs.safeExtend({ at: IsoDateTime }),
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
