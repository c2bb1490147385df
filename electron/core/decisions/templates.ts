/**
 * The templates of the acts (resources/decisions/<type>.json, French): title, object, visas,
 * considérants, numbered articles and closing formulas whose `{{variables}}` are filled from the
 * decision's content. A file that breaks the schema, or names an unknown variable, is refused
 * with the field at fault.
 */
import path from 'node:path';
import { z } from 'zod';
import { DecisionType } from '../../../shared/domain/decision';
import { unknownVariables } from '../../../shared/domain/template-text';
import { RelaisError } from '../../../shared/errors';
import { readJsonResource } from '../reference/json-resource';
import { resourcesDir } from '../reference/paths';

const COMMON_VARIABLES = [
  'reference',
  'date_acte',
  'lieu',
  'autorite',
  'ministre',
  'tribunal',
  'entreprise',
  'siret',
  'adresse',
  'numero_dossier',
  'projet',
  'remarques',
] as const;

/** The variables each type's template may use. */
export const DECISION_VARIABLES = {
  'accuse-reception': [...COMMON_VARIABLES, 'date_reception', 'date_recevabilite', 'delai_instruction', 'date_limite_decision'],
  'demande-pieces': [...COMMON_VARIABLES, 'pieces', 'date_reponse'],
  attribution: [
    ...COMMON_VARIABLES,
    'depense_eligible',
    'taux',
    'montant',
    'fondement_aide',
    'visas_complementaires',
    'date_debut',
    'date_achevement',
    'avance',
    'montant_avance',
    'taux_avance',
    'garantie',
    'acomptes',
    'solde',
    'reversement',
  ],
  refus: [...COMMON_VARIABLES, 'motifs_droit', 'motifs_fait'],
  'sans-suite': [...COMMON_VARIABLES, 'motif'],
} as const satisfies Record<DecisionType, readonly string[]>;

export type DecisionVariable<T extends DecisionType> = (typeof DECISION_VARIABLES)[T][number];
export type DecisionVariables<T extends DecisionType> = Record<DecisionVariable<T>, string>;

/** What the routes of appeal (authorities.json) say of each act: what may be challenged, and from when. */
export const APPEAL_VARIABLES = ['objet_recours', 'point_depart', 'autorite', 'ministre', 'tribunal'] as const;

const TemplateText = z.string().trim().min(1).max(5_000);
/** As long as a line of the content may be (DecisionContent's Line). */
const Line = z.string().trim().min(1).max(300);
/** A part printed only when this variable is not empty (the remarks, the extra visas). */
const When = z.string().min(1).optional();

const Part = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('heading'), text: TemplateText, when: When }),
  z.strictObject({
    kind: z.literal('paragraph'),
    text: TemplateText,
    when: When,
    bold: z.boolean().optional(),
    align: z.enum(['left', 'center', 'right']).optional(),
    /** Kept on the page of what follows (« ARRÊTE » with its first article). */
    keepWithNext: z.boolean().optional(),
  }),
  /** Numbered in order: « Article 1er », « Article 2 »… */
  z.strictObject({ kind: z.literal('article'), text: TemplateText, when: When }),
]);
export type TemplatePart = z.infer<typeof Part>;

export const DecisionTemplate = z.strictObject({
  type: DecisionType,
  /** A letter to the applicant (addressee block, no visas) rather than an arrêté or a décision. */
  letter: z.boolean(),
  title: TemplateText,
  object: TemplateText,
  parts: z.array(Part).min(1),
  appeal: z.strictObject({ subject: TemplateText, from: TemplateText }),
  /** Texts the instructor starts from (prefill), and the attribution's phrases for its advance. */
  defaults: z
    .strictObject({
      reasonsOfLaw: TemplateText,
      instalments: TemplateText,
      balance: TemplateText,
      repayment: TemplateText,
      advance: TemplateText,
      noAdvance: TemplateText,
      guarantee: TemplateText,
      /** The State-aid basis an attribution quotes, by the regime recorded in the instruction facts. */
      stateAidBasis: z.strictObject({ de_minimis: Line, regional: Line, gber_art17: Line, unknown: Line }),
    })
    .partial()
    .optional(),
});
export type DecisionTemplate = z.infer<typeof DecisionTemplate>;

function refuse(file: string, field: string, message: string): never {
  throw new RelaisError('decision_templates_invalid', { file, field, message });
}

/** Reads the template of `type`; throws 'decision_templates_invalid' naming the first field at fault. */
export function readDecisionTemplate(file: string, type: DecisionType): DecisionTemplate {
  const template = readJsonResource(file, DecisionTemplate, 'decision_templates_invalid');
  if (template.type !== type) refuse(file, 'type', `« ${type} » attendu`);
  const known: readonly string[] = DECISION_VARIABLES[type];
  const texts: Array<[string, string]> = [
    ['title', template.title],
    ['object', template.object],
    ...template.parts.map((part, index): [string, string] => [`parts.${index}.text`, part.text]),
    ...Object.entries(template.defaults ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([key, text]): [string, string] => [`defaults.${key}`, text]),
  ];
  for (const [field, text] of texts) {
    const unknown = unknownVariables(text, known);
    if (unknown.length > 0) refuse(file, field, `{{${unknown[0]}}}`);
  }
  template.parts.forEach((part, index) => {
    if (part.when !== undefined && !known.includes(part.when)) refuse(file, `parts.${index}.when`, part.when);
  });
  for (const field of ['subject', 'from'] as const) {
    const unknown = unknownVariables(template.appeal[field], known);
    if (unknown.length > 0) refuse(file, `appeal.${field}`, `{{${unknown[0]}}}`);
  }
  return template;
}

export function templateFile(type: DecisionType): string {
  return path.join(resourcesDir(), 'decisions', `${type}.json`);
}

const cached = new Map<DecisionType, DecisionTemplate>();

/** The template in force for a type, read once per process. */
export function loadDecisionTemplate(type: DecisionType): DecisionTemplate {
  let template = cached.get(type);
  if (!template) {
    template = readDecisionTemplate(templateFile(type), type);
    cached.set(type, template);
  }
  return template;
}
