/**
 * The issuing authorities (resources/decisions/authorities.json): by the dossier's region, the
 * heading of its acts, its seat, the competent tribunal administratif and its default signatory;
 * and the routes of appeal every act states (CJA R421-1 to R421-5).
 */
import path from 'node:path';
import { z } from 'zod';
import { Signatory } from '../../../shared/domain/decision';
import { unknownVariables } from '../../../shared/domain/template-text';
import { RelaisError } from '../../../shared/errors';
import { readJsonResource } from '../reference/json-resource';
import { resourcesDir } from '../reference/paths';
import { APPEAL_VARIABLES } from './templates';

const Text = z.string().trim().min(1).max(2_000);

export const Authority = z.strictObject({
  region: Text,
  /** The act's heading under « République française », top to bottom. */
  heading: z.array(Text).min(1).max(6),
  /** Without its article, as the templates write it: « le {{autorite}} », « auprès du {{autorite}} ». */
  authority: Text,
  /** Where the acts are signed (« Strasbourg, le … »). */
  seat: Text,
  tribunal: Text,
  signatory: Signatory,
});
export type Authority = z.infer<typeof Authority>;

export const AuthorityFile = z.strictObject({
  version: z.number().int().min(1),
  note: z.string(),
  /** The minister of a recours hiérarchique, without its article. */
  minister: Text,
  appealRoutes: z.strictObject({ heading: Text, paragraphs: z.array(Text).min(1) }),
  regions: z.record(z.string().regex(/^\d{2}$/), Authority),
});
export type AuthorityFile = z.infer<typeof AuthorityFile>;

export const AUTHORITIES_FILE = path.join('decisions', 'authorities.json');

/** Reads and validates the file; throws 'decision_templates_invalid' naming the first field at fault. */
export function readAuthorities(file: string): AuthorityFile {
  const authorities = readJsonResource(file, AuthorityFile, 'decision_templates_invalid');
  authorities.appealRoutes.paragraphs.forEach((paragraph, index) => {
    const unknown = unknownVariables(paragraph, APPEAL_VARIABLES);
    if (unknown.length > 0) {
      throw new RelaisError('decision_templates_invalid', { file, field: `appealRoutes.paragraphs.${index}`, message: `{{${unknown[0]}}}` });
    }
  });
  return authorities;
}

let cached: AuthorityFile | null = null;

export function loadAuthorities(): AuthorityFile {
  cached ??= readAuthorities(path.join(resourcesDir(), AUTHORITIES_FILE));
  return cached;
}

/** The authority that decides for a region; refused when the file names none. */
export function authorityOf(regionCode: string): Authority {
  const authority = loadAuthorities().regions[regionCode];
  if (!authority) throw new RelaisError('decision_authority_unknown', { region: regionCode, file: AUTHORITIES_FILE });
  return authority;
}
