/**
 * Sends one queued change to DS and says how it ended. DS does not deduplicate mutations and the
 * client never resends one, so every retry first looks at DS: a state already reached, a label
 * already there, a message already in the messagerie is done, not sent again.
 */
import { createHash } from 'node:crypto';
import type { HubDatabase } from '../../db/database';
import { DsApiError, type DsOperation } from '../client';
import type { DsConnection } from '../connection';
import { recordDsError } from '../error-log';
import { reimportDossier } from '../import/run';
import { parseRef } from '../mapping';
import {
  annotationsMutation,
  CreateDirectUploadAnswer,
  createDirectUploadOperation,
  labelAddMutation,
  labelRemoveMutation,
  messageMutation,
  MutationAnswer,
  PushDemarcheAnswer,
  pushDemarcheOperation,
  PushDossierAnswer,
  pushDossierOperation,
  STATE_MUTATIONS,
  type PushDemarche,
  type PushDossier,
} from '../operations/push';
import { notesText, signedVerdict, type VerdictKind } from './content';
import type { PushKind, PushPayload } from './queue';

export interface PushRow {
  id: string;
  event_seq: string;
  kind: PushKind;
  dossier_id: string;
  number: number;
  attempts: number;
  first_sent_at: Date | null;
  payload: PushPayload;
  progress: { signedBlobId?: string; uploadedAt?: string; pdfSha256?: string };
}

export type PushOutcome = { state: 'done' } | { state: 'review' | 'failed'; reason: string };

/** A signed blob id is good for an hour on DS; one older than this is not used for a retry. */
export const SIGNED_BLOB_REUSE_MS = 50 * 60_000;
/** How far DS's clock may be behind the hub's when a retry looks for a message it may have sent. */
const CLOCK_MARGIN_MS = 10 * 60_000;

const TARGET_STATE: Record<keyof typeof STATE_MUTATIONS, string> = {
  passer_en_instruction: 'en_instruction',
  repasser_en_construction: 'en_construction',
  accepter: 'accepte',
  refuser: 'refuse',
  classer_sans_suite: 'sans_suite',
};

const DONE: PushOutcome = { state: 'done' };
/** DS may give a message back with its line breaks or spaces changed. */
const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
const failed = (reason: string): PushOutcome => ({ state: 'failed', reason });

interface DsDossierRow {
  ds_id: string;
  demarche: number;
  champs_modified_at: Date;
  deleted_at: Date | null;
}

export class PushSender {
  private readonly demarches = new Map<number, PushDemarche>();
  /** Errors met beside the rows' own outcomes (a dossier DS could not give back), for the run's summary. */
  errors = 0;

  constructor(
    private readonly db: HubDatabase,
    private readonly connection: DsConnection,
    private readonly now: () => Date,
  ) {}

  async send(row: PushRow): Promise<PushOutcome> {
    const { rows } = await this.db.query<DsDossierRow>('SELECT ds_id, demarche, champs_modified_at, deleted_at FROM ds_dossier WHERE number = $1', [row.number]);
    const dossier = rows[0];
    if (!dossier) return failed(`Dossier ${row.number} is not among the dossiers imported from DS.`);
    if (dossier.deleted_at) return failed(`Dossier ${row.number} was deleted on DS: nothing can be sent to it any more.`);
    if (row.kind === 'label_add' || row.kind === 'label_remove') return this.label(row, dossier);
    const instructeurId = await this.instructeurOf(row.payload);
    if (typeof instructeurId !== 'string') return instructeurId;
    switch (row.kind) {
      case 'passer_en_instruction':
      case 'repasser_en_construction':
        return this.changeState(row, dossier, instructeurId, {});
      case 'accepter':
      case 'refuser':
      case 'classer_sans_suite':
        return this.decide(row, dossier, instructeurId, row.kind);
      case 'annotations':
        return this.annotate(row, dossier, instructeurId);
      case 'message':
        return this.message(row, dossier, instructeurId);
    }
  }

  private async instructeurOf(payload: PushPayload): Promise<string | PushOutcome> {
    if (!payload.actorEmail) return failed(`The change was made by ${payload.actorName}, who is not a hub user with an e-mail, so no DS instructeur can make it.`);
    const id = await this.connection.instructeurs.idFor(payload.actorEmail);
    if (id) return id;
    return failed(
      `The hub user ${payload.actorName} (${payload.actorEmail}) has no DS instructeur id: add them to the démarche's groupe instructeur on DS or give their id with « relais hub ds configure … --instructeur ${payload.actorEmail}=<DS instructeur id> ».`,
    );
  }

  private async readDossier(number: number): Promise<PushDossier> {
    return (await this.connection.client.request(pushDossierOperation, { number }, PushDossierAnswer)).data.dossier;
  }

  private async demarche(number: number): Promise<PushDemarche> {
    let demarche = this.demarches.get(number);
    if (!demarche) {
      demarche = (await this.connection.client.request(pushDemarcheOperation, { demarche: number }, PushDemarcheAnswer)).data.demarche;
      this.demarches.set(number, demarche);
    }
    return demarche;
  }

  /** Sends a mutation; returns DS's refusals (payload `errors`, or GraphQL errors that are not the client's). */
  private async mutate(operation: DsOperation, input: Record<string, unknown>): Promise<string[]> {
    try {
      const { data } = await this.connection.client.request(operation, { input }, MutationAnswer);
      return Object.values(data).flatMap((payload) => (payload?.errors ?? []).map((error) => error.message));
    } catch (error) {
      if (error instanceof DsApiError && error.code === 'graphql' && error.details.errors?.length) return error.details.errors.map((one) => one.message);
      throw error;
    }
  }

  private async markSent(row: PushRow): Promise<void> {
    if (row.first_sent_at) return;
    row.first_sent_at = this.now();
    await this.db.query('UPDATE ds_push SET first_sent_at = $2 WHERE id = $1', [row.id, row.first_sent_at.toISOString()]);
  }

  private async changeState(row: PushRow, dossier: DsDossierRow, instructeurId: string, extra: Record<string, unknown>): Promise<PushOutcome> {
    const kind = row.kind as keyof typeof STATE_MUTATIONS;
    await this.markSent(row);
    const refusals = await this.mutate(STATE_MUTATIONS[kind], { dossierId: dossier.ds_id, instructeurId, ...extra });
    if (refusals.length === 0) return DONE;
    const said = refusals.join(' ; ');
    if (!refusals.some((message) => message.includes('déjà'))) return failed(`DS refused to change the state of dossier ${row.number}: ${said}`);
    // DS says the dossier is already in some state: it may be ours (an earlier attempt, another instructeur on DS).
    const now = await this.readDossier(row.number);
    if (now.state === TARGET_STATE[kind]) return DONE;
    await this.reimport(row.number);
    return failed(`DS did not change the state of dossier ${row.number}, which is ${now.state} there: ${said}`);
  }

  /** The hub brought back to what DS says; a failure there is recorded, and the next import reads the dossier again. */
  private async reimport(number: number): Promise<void> {
    try {
      await reimportDossier(this.db, this.connection, number);
    } catch (error) {
      this.errors++;
      await recordDsError(this.db, { phase: 'push', number, message: `Reading dossier ${number} again from DS failed: ${(error as Error).message}` }, this.now());
    }
  }

  /** Whether the applicant changed the dossier after the base the change was decided on. */
  private async changedSinceBase(row: PushRow, dossier: DsDossierRow, onDs: PushDossier): Promise<boolean> {
    if (new Date(onDs.dateDerniereModificationChamps).getTime() > dossier.champs_modified_at.getTime()) return true;
    // Imported already (an import ran first): its champs or pieces differ from those of the import the decision followed.
    const { rows } = await this.db.query<{ changed: boolean }>(
      `WITH base AS (
         SELECT args FROM hub_event WHERE dossier_id = $1 AND name = 'dossier.import' AND seq < $2 ORDER BY seq DESC LIMIT 1
       )
       SELECT EXISTS (
         SELECT 1 FROM hub_event later, base
         WHERE later.dossier_id = $1 AND later.name = 'dossier.import' AND later.seq > $2
           AND (later.args->'champs' IS DISTINCT FROM base.args->'champs' OR later.args->'pieces' IS DISTINCT FROM base.args->'pieces')
       ) AS changed`,
      [row.dossier_id, row.event_seq],
    );
    return rows[0]!.changed;
  }

  private async decide(row: PushRow, dossier: DsDossierRow, instructeurId: string, kind: VerdictKind): Promise<PushOutcome> {
    const onDs = await this.readDossier(row.number);
    if (onDs.state === TARGET_STATE[kind]) return DONE;
    if (await this.changedSinceBase(row, dossier, onDs)) {
      await this.reimport(row.number);
      return {
        state: 'review',
        reason: `The applicant changed dossier ${row.number} on DS after the decision was made on it: nothing was sent; the decision is to be reviewed again.`,
      };
    }
    if (onDs.state !== 'en_instruction') {
      await this.reimport(row.number);
      return failed(`DS has dossier ${row.number} ${onDs.state}: a decision is made only on a dossier en instruction; the hub now shows DS's state.`);
    }
    const verdict = await signedVerdict(this.db, row.dossier_id, kind);
    if (typeof verdict === 'string') return failed(verdict);
    const justificatif = await this.uploadOnce(row, dossier, verdict);
    return this.changeState(row, dossier, instructeurId, { motivation: verdict.motivation, justificatif });
  }

  /** The signed blob id of the act on DS: the one an earlier attempt uploaded while it is fresh, else a new upload. */
  private async uploadOnce(row: PushRow, dossier: DsDossierRow, verdict: { pdf: Buffer; pdfSha256: string; filename: string }): Promise<string> {
    const { signedBlobId, uploadedAt, pdfSha256 } = row.progress;
    if (signedBlobId && uploadedAt && pdfSha256 === verdict.pdfSha256 && this.now().getTime() - new Date(uploadedAt).getTime() < SIGNED_BLOB_REUSE_MS) return signedBlobId;
    const checksum = createHash('md5').update(verdict.pdf).digest('base64');
    const { data } = await this.connection.client.request(
      createDirectUploadOperation,
      { input: { dossierId: dossier.ds_id, filename: verdict.filename, byteSize: verdict.pdf.length, checksum, contentType: 'application/pdf' } },
      CreateDirectUploadAnswer,
    );
    const upload = data.createDirectUpload.directUpload;
    await this.connection.client.upload(upload.url, JSON.parse(upload.headers) as Record<string, string>, verdict.pdf);
    row.progress = { signedBlobId: upload.signedBlobId, uploadedAt: this.now().toISOString(), pdfSha256: verdict.pdfSha256 };
    await this.db.query('UPDATE ds_push SET progress = $2 WHERE id = $1', [row.id, JSON.stringify(row.progress)]);
    return upload.signedBlobId;
  }

  private async annotate(row: PushRow, dossier: DsDossierRow, instructeurId: string): Promise<PushOutcome> {
    const ref = parseRef(this.connection.config.mapping.annotations.notes);
    const { activeRevision } = await this.demarche(dossier.demarche);
    const descriptor = activeRevision.annotationDescriptors.find((one) => ('id' in ref ? one.id === ref.id : one.label === ref.label));
    if (!descriptor) return failed(`The notes annotation « ${this.connection.config.mapping.annotations.notes} » of the mapping is not an annotation of démarche ${dossier.demarche} on DS.`);
    const text = await notesText(this.db, row.dossier_id);
    const refusals = await this.mutate(annotationsMutation, { dossierId: dossier.ds_id, instructeurId, annotations: [{ id: descriptor.id, value: { textarea: text } }] });
    return refusals.length === 0 ? DONE : failed(`DS refused the notes of dossier ${row.number}: ${refusals.join(' ; ')}`);
  }

  private async message(row: PushRow, dossier: DsDossierRow, instructeurId: string): Promise<PushOutcome> {
    const { subject, body } = row.payload.message!;
    const text = `${subject}\n\n${body}`;
    if (row.first_sent_at) {
      // An earlier attempt may have reached DS without its answer reaching the hub.
      const since = row.first_sent_at.getTime() - CLOCK_MARGIN_MS;
      const { messages } = await this.readDossier(row.number);
      if (messages.some((message) => sameText(message.body, text) && new Date(message.createdAt).getTime() >= since)) return DONE;
    }
    await this.markSent(row);
    const refusals = await this.mutate(messageMutation, { dossierId: dossier.ds_id, instructeurId, body: text });
    return refusals.length === 0 ? DONE : failed(`DS refused the message to dossier ${row.number}: ${refusals.join(' ; ')}`);
  }

  private async label(row: PushRow, dossier: DsDossierRow): Promise<PushOutcome> {
    const name = row.payload.label!;
    const add = row.kind === 'label_add';
    const known = (await this.demarche(dossier.demarche)).labels.find((one) => one.name === name);
    if (!known) return failed(`DS has no label « ${name} » on démarche ${dossier.demarche}: create it there, or remove it from the dossier in Relais.`);
    const has = async () => (await this.readDossier(row.number)).labels.some((one) => one.id === known.id);
    if ((await has()) === add) return DONE;
    await this.markSent(row);
    const refusals = await this.mutate(add ? labelAddMutation : labelRemoveMutation, { dossierId: dossier.ds_id, labelId: known.id });
    if (refusals.length === 0 || (await has()) === add) return DONE;
    return failed(`DS refused to ${add ? 'add' : 'remove'} the label « ${name} » on dossier ${row.number}: ${refusals.join(' ; ')}`);
  }
}
