/** A legal check computed on a dossier: its verdict, its due date where it has one, its legal basis. */
import { z } from 'zod';
import { IsoDate } from './dossier';

/** In the order the dossier page and `relais dossier show` list them. */
export const CHECK_IDS = [
  'required_pieces',
  'admissibility_deadline',
  'instruction_deadline',
  'public_aid_ceiling',
  'aid_intensity',
  'advance_ceiling',
] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

/** `to_check`: the case file lacks what the check needs; the instructor decides. */
export const CHECK_STATUSES = ['ok', 'warning', 'failed', 'to_check'] as const;
export const CheckStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const DossierCheck = z.object({
  id: CheckId,
  status: CheckStatus,
  due: IsoDate.nullable(),
  basis: z.string().min(1),
  /**
   * `reason` picks the sentence that explains the verdict (catalogue key `checks.<id>.<reason>`);
   * the other values fill it in: amounts end in `Cents`, rates in `Percent`, dates in `On`.
   */
  params: z.object({ reason: z.string().min(1) }).catchall(z.union([z.string(), z.number(), z.null()])),
});
export type DossierCheck = z.infer<typeof DossierCheck>;
