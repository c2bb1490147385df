/**
 * Messages to the applicant: drafted from a template whose `{{variables}}` are filled when the
 * message is previewed and, for good, when it is sent (so the answer-by date counts from the day
 * it leaves). The applicants are French companies: the templates and the filled text are French.
 */
import { z } from 'zod';
import { addDays, type IsoDate } from './dates';
import { Id, IsoDateTime, IsoDate as IsoDateSchema, PIECE_KINDS, type PieceKind } from './dossier';
import { fillVariables, unknownVariables as unknownVariablesOf } from './template-text';

export const MESSAGE_TEMPLATE_IDS = ['pieces_manquantes', 'demande_precisions', 'message_libre'] as const;
export const MessageTemplateId = z.enum(MESSAGE_TEMPLATE_IDS);
export type MessageTemplateId = z.infer<typeof MessageTemplateId>;

/** The variables a template or a draft may use, as `{{name}}`. */
export const MESSAGE_VARIABLES = [
  'entreprise',
  'numero_dossier',
  'projet',
  'instructeur',
  'pieces_manquantes',
  'delai_reponse',
  'date_reponse',
] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];

export const MAX_MESSAGE_SUBJECT = 300;
export const MAX_MESSAGE_BODY = 20_000;
export const MessageSubject = z.string().trim().min(1).max(MAX_MESSAGE_SUBJECT);
export const MessageBody = z.string().max(MAX_MESSAGE_BODY);
/** Days the applicant has to answer, counted in Europe/Paris calendar days from the day it is sent. */
export const AnswerDays = z.number().int().min(1).max(365);

export const MessageTemplate = z.strictObject({
  id: MessageTemplateId,
  /** How the desk names the template, in each interface language. */
  label: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }),
  answerDays: AnswerDays,
  subject: MessageSubject,
  body: MessageBody.min(1),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/** resources/messages/templates.json. */
export const MessageTemplateFile = z.strictObject({
  version: z.number().int().min(1),
  templates: z.array(MessageTemplate).min(1),
});
export type MessageTemplateFile = z.infer<typeof MessageTemplateFile>;

/**
 * `draft`: on this computer only; `not_sent`: queued in the outbox until the hub confirms it;
 * `sent`: the hub applied it; `rejected`: the hub refused it (or found a conflict).
 */
export const MESSAGE_STATUSES = ['draft', 'not_sent', 'sent', 'rejected'] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Message = z.object({
  id: Id,
  dossierId: Id,
  templateId: MessageTemplateId,
  /** A draft's text keeps its `{{variables}}`; once sent, the text is filled and final. */
  subject: z.string(),
  body: z.string(),
  answerDays: AnswerDays,
  /** Each save of a draft adds one; a save from an older version is refused. */
  version: z.number().int().min(1),
  status: MessageStatus,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** When it was queued for sending. */
  sentAt: IsoDateTime.nullable(),
  /** The answer-by date written in the sent message. */
  answerBy: IsoDateSchema.nullable(),
  /** Who drafted it. */
  author: z.string(),
});
export type Message = z.infer<typeof Message>;

/** What the variables are filled from, as core knows it today. */
export const MessageContext = z.object({
  company: z.string(),
  dossierNumber: z.number().int(),
  projectTitle: z.string(),
  instructorName: z.string(),
  /** The required pieces missing from the dossier (the required_pieces check). */
  missingPieces: z.array(z.enum(PIECE_KINDS)),
  /** The Europe/Paris date a message sent now leaves on. */
  today: IsoDateSchema,
});
export type MessageContext = z.infer<typeof MessageContext>;

/** French names of the pieces, as the applicant reads them (independent of the interface language). */
export const PIECE_NAMES_FR: Record<PieceKind, string> = {
  devis: 'le devis signé ou la proposition commerciale détaillée des investissements',
  extrait_kbis: 'un extrait Kbis de moins de trois mois',
  plan_financement: 'le plan de financement du projet, toutes sources d’aide publique comprises',
  dossier_technique: 'le dossier technique du projet',
  autre: 'toute autre pièce utile',
};

const FRENCH_LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export function answerByDate(today: IsoDate, answerDays: number): IsoDate {
  return addDays(today, answerDays);
}

export function messageVariables(context: MessageContext, answerDays: number): Record<MessageVariable, string> {
  return {
    entreprise: context.company,
    numero_dossier: String(context.dossierNumber),
    projet: context.projectTitle,
    instructeur: context.instructorName,
    pieces_manquantes:
      context.missingPieces.length === 0
        ? '(aucune pièce obligatoire ne manque)'
        : context.missingPieces.map((kind) => `- ${PIECE_NAMES_FR[kind]}`).join('\n'),
    delai_reponse: `${answerDays} jours`,
    date_reponse: FRENCH_LONG_DATE.format(new Date(`${answerByDate(context.today, answerDays)}T00:00:00Z`)),
  };
}

/** The `{{names}}` in a text that are not variables (a typo would otherwise reach the applicant). */
export function unknownVariables(text: string): string[] {
  return unknownVariablesOf(text, MESSAGE_VARIABLES);
}

export function fillMessage(text: string, variables: Record<MessageVariable, string>): string {
  return fillVariables(text, variables);
}
