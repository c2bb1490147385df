/**
 * How a démarche's form on DS becomes a Relais dossier: which champ descriptor fills which Relais
 * field, how drop-down values read, which piece champ is which kind of piece, and which private
 * annotation receives the instructors' notes. A reference names a descriptor by its label as the
 * démarche shows it, or by its id as `id:<descriptor id>` (labels may be edited on DS; ids stay).
 * The default is resources/ds/territoires-industrie.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { COMPANY_SIZES, FUNDING_KINDS, PIECE_KINDS } from '../../shared/domain/dossier';
import { resourcesDir } from '../../electron/core/reference/paths';

export const DescriptorRef = z.string().trim().min(1).max(300);
export type DescriptorRef = z.infer<typeof DescriptorRef>;

/** A repetition block and the descriptors of its columns. */
const Repetition = <Columns extends Record<string, z.ZodType>>(columns: Columns) =>
  z.strictObject({ block: DescriptorRef, columns: z.strictObject(columns) });

export const DsMapping = z.strictObject({
  /** Shown to administrators; not used to match anything. */
  title: z.string().max(300),
  champs: z.strictObject({
    projetTitle: DescriptorRef,
    projetSummary: DescriptorRef,
    projetVolet: DescriptorRef,
    projetValueChain: DescriptorRef,
    /** A CommuneChamp: the site's INSEE code gives its territory. */
    siteCommune: DescriptorRef,
    plannedStart: DescriptorRef,
    plannedEnd: DescriptorRef,
    companySize: DescriptorRef,
    costLines: Repetition({ label: DescriptorRef, amount: DescriptorRef, eligible: DescriptorRef }),
    financingPlan: Repetition({ funder: DescriptorRef, kind: DescriptorRef, amount: DescriptorRef }),
    amountRequested: DescriptorRef,
  }),
  /** Drop-down option text → Relais value. */
  values: z.strictObject({
    volet: z.record(z.string().min(1), z.union([z.literal(1), z.literal(2), z.literal(3)])),
    companySize: z.record(z.string().min(1), z.enum(COMPANY_SIZES)),
    fundingKind: z.record(z.string().min(1), z.enum(FUNDING_KINDS)),
  }),
  /** Piece justificative champ → the kind of piece its files are. Files of other champs are `autre`. */
  pieces: z.record(DescriptorRef, z.enum(PIECE_KINDS)),
  annotations: z.strictObject({
    /** A textarea annotation that receives the dossier's Relais notes, each with author and date. */
    notes: DescriptorRef,
  }),
});
export type DsMapping = z.infer<typeof DsMapping>;

export const DEFAULT_MAPPING_FILE = 'territoires-industrie.json';

/** Reads and checks a mapping file; the error names the file and the first wrong field. */
export function readMappingFile(file: string): DsMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const parsed = DsMapping.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The mapping of the Territoires d'industrie démarche, shipped with Relais. */
export function defaultMapping(): DsMapping {
  return readMappingFile(path.join(resourcesDir(), 'ds', DEFAULT_MAPPING_FILE));
}

/** A reference as `{ id }` or `{ label }`, for matching descriptors and champs. */
export function parseRef(ref: DescriptorRef): { id: string } | { label: string } {
  return ref.startsWith('id:') ? { id: ref.slice(3) } : { label: ref };
}
