/**
 * Whether the connector can work as configured, before a run finds out dossier by dossier: DS
 * accepts the token, each démarche can be read, every reference of the mapping names one
 * descriptor of the démarche's active revision of a type the import can read, drop-down options
 * all have a Relais value, every instructeur id configured is one DS knows, and every hub user
 * who acts on dossiers has a DS instructeur id.
 * Problems are codes with their parameters; the command line words them in the user's language.
 */
import type { Queryable } from '../db/database';
import { DsApiError } from './client';
import type { DsConnection } from './connection';
import { parseRef, type DescriptorRef } from './mapping';
import { DemarcheDescriptorsAnswer, demarcheDescriptorsOperation, type DemarcheDescriptors, type DsDescriptor } from './operations/demarche';

export type DsCheckProblem =
  | { code: 'unauthorized' }
  | { code: 'unreachable'; detail: string }
  | { code: 'demarche_unreadable'; demarche: number; detail: string }
  | { code: 'champ_missing'; demarche: number; field: string; ref: string }
  | { code: 'annotation_missing'; demarche: number; field: string; ref: string }
  | { code: 'champ_ambiguous'; demarche: number; field: string; ref: string; count: number }
  | { code: 'champ_wrong_type'; demarche: number; field: string; ref: string; found: string; expected: string }
  | { code: 'option_unmapped'; demarche: number; field: string; ref: string; option: string }
  | { code: 'user_without_instructeur'; email: string; name: string; role: string }
  | { code: 'instructeur_id_unknown'; email: string; id: string };

export interface DsCheckReport {
  endpoint: string;
  /** The démarches DS gave, as it names them. */
  demarches: { number: number; title: string; state: string; revision: string }[];
  problems: DsCheckProblem[];
}

const TEXT = ['TextChampDescriptor', 'TextareaChampDescriptor'];
const NUMBER = ['DecimalNumberChampDescriptor', 'IntegerNumberChampDescriptor', 'NumberChampDescriptor'];
const DROP_DOWN = ['DropDownListChampDescriptor'];

interface Expected {
  field: string;
  ref: DescriptorRef;
  types: string[];
  /** For a drop-down: the option texts the mapping gives a value to. */
  values?: Record<string, unknown>;
}

/** Finds the one descriptor a reference names among `descriptors`, or says why not. */
function findDescriptor(
  demarche: number,
  descriptors: readonly DsDescriptor[],
  expected: Expected,
  missing: 'champ_missing' | 'annotation_missing',
  problems: DsCheckProblem[],
): DsDescriptor | null {
  const parsed = parseRef(expected.ref);
  const found = descriptors.filter((one) => ('id' in parsed ? one.id === parsed.id : one.label === parsed.label));
  const where = { demarche, field: expected.field, ref: expected.ref };
  if (found.length === 0) return problems.push({ code: missing, ...where }), null;
  if (found.length > 1) return problems.push({ code: 'champ_ambiguous', ...where, count: found.length }), null;
  const descriptor = found[0]!;
  if (!expected.types.includes(descriptor.__typename)) {
    problems.push({ code: 'champ_wrong_type', ...where, found: typeName(descriptor.__typename), expected: expected.types.map(typeName).join(', ') });
    return null;
  }
  if (expected.values) {
    for (const option of descriptor.options ?? []) {
      if (!(option in expected.values)) problems.push({ code: 'option_unmapped', ...where, option });
    }
  }
  return descriptor;
}

/** « DecimalNumberChampDescriptor » reads « DecimalNumber », as DS's form editor names the type. */
function typeName(typename: string): string {
  return typename.replace(/ChampDescriptor$/, '');
}

function checkMapping(connection: DsConnection, demarche: DemarcheDescriptors, problems: DsCheckProblem[]): void {
  const { mapping } = connection.config;
  const { champs, values } = mapping;
  const number = demarche.number;
  const form = demarche.activeRevision.champDescriptors;
  const single: Expected[] = [
    { field: 'champs.projetTitle', ref: champs.projetTitle, types: TEXT },
    { field: 'champs.projetSummary', ref: champs.projetSummary, types: TEXT },
    { field: 'champs.projetVolet', ref: champs.projetVolet, types: DROP_DOWN, values: values.volet },
    { field: 'champs.projetValueChain', ref: champs.projetValueChain, types: [...TEXT, ...DROP_DOWN] },
    { field: 'champs.siteCommune', ref: champs.siteCommune, types: ['CommuneChampDescriptor'] },
    { field: 'champs.plannedStart', ref: champs.plannedStart, types: ['DateChampDescriptor'] },
    { field: 'champs.plannedEnd', ref: champs.plannedEnd, types: ['DateChampDescriptor'] },
    { field: 'champs.companySize', ref: champs.companySize, types: DROP_DOWN, values: values.companySize },
    { field: 'champs.amountRequested', ref: champs.amountRequested, types: NUMBER },
    ...Object.keys(mapping.pieces).map((ref) => ({ field: 'pieces', ref, types: ['PieceJustificativeChampDescriptor'] })),
  ];
  for (const expected of single) findDescriptor(number, form, expected, 'champ_missing', problems);

  const repetitions: { field: string; block: DescriptorRef; columns: Expected[] }[] = [
    {
      field: 'champs.costLines',
      block: champs.costLines.block,
      columns: [
        { field: 'champs.costLines.columns.label', ref: champs.costLines.columns.label, types: TEXT },
        { field: 'champs.costLines.columns.amount', ref: champs.costLines.columns.amount, types: NUMBER },
        { field: 'champs.costLines.columns.eligible', ref: champs.costLines.columns.eligible, types: ['CheckboxChampDescriptor', 'YesNoChampDescriptor'] },
      ],
    },
    {
      field: 'champs.financingPlan',
      block: champs.financingPlan.block,
      columns: [
        { field: 'champs.financingPlan.columns.funder', ref: champs.financingPlan.columns.funder, types: TEXT },
        { field: 'champs.financingPlan.columns.kind', ref: champs.financingPlan.columns.kind, types: DROP_DOWN, values: values.fundingKind },
        { field: 'champs.financingPlan.columns.amount', ref: champs.financingPlan.columns.amount, types: NUMBER },
      ],
    },
  ];
  for (const repetition of repetitions) {
    const block = findDescriptor(number, form, { field: `${repetition.field}.block`, ref: repetition.block, types: ['RepetitionChampDescriptor'] }, 'champ_missing', problems);
    if (!block) continue;
    for (const column of repetition.columns) findDescriptor(number, block.champDescriptors ?? [], column, 'champ_missing', problems);
  }

  findDescriptor(number, demarche.activeRevision.annotationDescriptors, { field: 'annotations.notes', ref: mapping.annotations.notes, types: TEXT }, 'annotation_missing', problems);
}

/** DS's own words about a failed call, without the operation's name Relais gave it. */
function dsDetail(error: DsApiError): string {
  const messages = (error.details.errors ?? []).map((one) => one.message).filter((message) => message.trim() !== '');
  return messages.length > 0 ? messages.join('; ') : error.message;
}

export async function checkDs(db: Queryable, connection: DsConnection): Promise<DsCheckReport> {
  const report: DsCheckReport = { endpoint: connection.config.endpoint, demarches: [], problems: [] };
  const { problems } = report;
  const knownIds = new Set<string>();
  for (const number of connection.config.demarches) {
    let demarche: DemarcheDescriptors;
    try {
      ({ demarche } = (await connection.client.request(demarcheDescriptorsOperation, { demarche: number }, DemarcheDescriptorsAnswer)).data);
    } catch (error) {
      if (!(error instanceof DsApiError)) throw error;
      // Without the token or the network, nothing further can be learnt.
      if (error.code === 'unauthorized') return problems.push({ code: 'unauthorized' }), report;
      if (['network', 'timeout', 'http'].includes(error.code)) return problems.push({ code: 'unreachable', detail: error.message }), report;
      problems.push({ code: 'demarche_unreadable', demarche: number, detail: dsDetail(error) });
      continue;
    }
    report.demarches.push({ number: demarche.number, title: demarche.title, state: demarche.state, revision: demarche.activeRevision.id });
    for (const groupe of demarche.groupeInstructeurs) for (const instructeur of groupe.instructeurs) knownIds.add(instructeur.id);
    checkMapping(connection, demarche, problems);
  }
  if (report.demarches.length === 0) return report;
  // An id DS does not know would fail every change sent in its name; with a démarche unread, its instructeurs are unknown.
  if (report.demarches.length === connection.config.demarches.length) {
    for (const [email, id] of Object.entries(connection.config.instructeurs)) {
      if (!knownIds.has(id)) problems.push({ code: 'instructeur_id_unknown', email, id });
    }
  }

  const { rows: users } = await db.query<{ email: string; name: string; role: string }>(
    `SELECT email, name, role FROM hub_user WHERE role IN ('instructeur', 'signataire') ORDER BY lower(email)`,
  );
  for (const user of users) {
    try {
      if ((await connection.instructeurs.idFor(user.email)) === null) problems.push({ code: 'user_without_instructeur', email: user.email, name: user.name, role: user.role });
    } catch (error) {
      if (!(error instanceof DsApiError)) throw error;
      // The directory reads every démarche: one already reported unreadable says enough.
      if (!problems.some((problem) => problem.code === 'demarche_unreadable')) problems.push({ code: 'unreachable', detail: error.message });
      break;
    }
  }
  return report;
}
