/**
 * The world of the fault tests: a real hub (buildHubApp on loopback over PostgreSQL or PGlite)
 * holding a few dossiers of one territory, and desks of two instructeurs and two signataires,
 * each a real case file signed in to it. Actions are what people do on their screens; a refusal
 * by the desk (stale screen, wrong state) is part of life and ignored.
 */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { registerBlob } from '../../../electron/core/blobs/register';
import { dossierOutcome } from '../../../electron/core/decisions/dossier-outcome';
import { createDecision, signDecision } from '../../../electron/core/decisions/mutations';
import { addLabel, removeLabel } from '../../../electron/core/bulk/mutations';
import { mutationCall, runMutation, runMutations } from '../../../electron/core/mutations';
import type { DecisionType } from '../../../shared/domain/decision';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubRole } from '../../../shared/sync/protocol';
import type { HubDatabase } from '../../../server/db/database';
import { buildHubApp } from '../../../server/http/app';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { addUser } from '../../../server/users/users';
import type { Fault } from '../../fixtures/faulty-transport';
import { openTestHubDatabase, type HubDatabaseKind } from '../../fixtures/postgres';
import { decisionContent } from '../fixtures/decisions';
import { makeDossier } from '../fixtures/core-dossiers';
import { TestDesk } from './desk';

export const TERRITORY = 'ti-0088';
export const DESK_ROLES: readonly HubRole[] = ['instructeur', 'instructeur', 'signataire', 'signataire'];
export const DOSSIER_COUNT = 3;
export const LABELS = ['Prioritaire', 'Visite à programmer'] as const;
export const CRITERIA = ['structuring_investment', 'ecological_value_chain'] as const;
export const VERDICTS: readonly DecisionType[] = ['attribution', 'refus'];

export interface TestHub {
  db: HubDatabase;
  url: string;
  close(): Promise<void>;
}

export async function startTestHub(kind: HubDatabaseKind): Promise<TestHub> {
  const db = await openTestHubDatabase(kind);
  const app: FastifyInstance = buildHubApp({ db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    db,
    url,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface WorldOptions {
  kind: HubDatabaseKind;
  /** One fault schedule per desk (missing ones: no faults). */
  schedules: readonly (readonly Fault[])[];
  /** Each desk's clock offset in milliseconds. */
  clockOffsetsMs?: readonly number[];
}

export class World {
  private constructor(
    readonly hub: TestHub,
    readonly desks: TestDesk[],
    readonly dossiers: DossierImport[],
  ) {}

  static async start(options: WorldOptions): Promise<World> {
    const hub = await startTestHub(options.kind);
    const dossiers = Array.from({ length: DOSSIER_COUNT }, (_, index) =>
      makeDossier({ number: 501 + index, state: 'en_instruction', territory: 'vosges', receivedAt: '2026-01-10T09:00:00Z', arDate: '2026-01-15' }),
    );
    const desks: TestDesk[] = [];
    const world = new World(hub, desks, dossiers);
    try {
      await recordHubEvents(hub.db, dossiers.map((dossier) => ({ name: 'dossier.import', args: dossier, at: new Date() })));
      for (const [index, role] of DESK_ROLES.entries()) {
        const email = `${role}${index}@example.gouv.fr`;
        const { code } = await addUser(hub.db, { email, name: `${role} ${index}`, role, territories: [TERRITORY] });
        desks.push(await TestDesk.enrol({ hubUrl: hub.url, email, code, schedule: options.schedules[index] ?? [], clockOffsetMs: options.clockOffsetsMs?.[index] }));
      }
      // Before the faults: every desk has the dossiers, under the regime the decisions' contents assume.
      for (const desk of desks) await world.syncCalmly(desk);
      for (const dossier of dossiers) await desks[0]!.call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'regional', zone: 'c' } });
      await world.syncCalmly(desks[0]!);
      // Proposals waiting for a signature on every signataire's desk: the storm starts where verdicts are signed.
      for (const [index, type] of VERDICTS.entries()) {
        world.createDecision(desks[0]!, dossiers[index]!, type);
        await world.propose(desks[0]!, index);
      }
      for (const desk of desks) await world.syncCalmly(desk);
      return world;
    } catch (error) {
      await world.close();
      throw error;
    }
  }

  /** A round that must succeed (setup and quiescence: faults are off then). */
  async syncCalmly(desk: TestDesk) {
    const outcome = await desk.round();
    if (outcome.kind !== 'done') throw new Error(`a calm round failed: ${outcome.kind === 'failed' ? outcome.error.message : outcome.where}`);
    return outcome.summary;
  }

  desk(index: number): TestDesk {
    return this.desks[index % this.desks.length]!;
  }

  dossier(index: number): DossierImport {
    return this.dossiers[index % this.dossiers.length]!;
  }

  async close(): Promise<void> {
    for (const desk of this.desks) {
      await desk.transport.settle();
      desk.dispose();
    }
    await this.hub.close();
  }

  // What people do on their desks. Each reads what the desk's screen shows first.

  async setCriterion(desk: TestDesk, dossier: DossierImport, criterionId: string, status: 'met' | 'not_met' | 'to_check', comment: string): Promise<void> {
    const view = await desk.call('evaluation.get', { dossierId: dossier.id });
    if (!view.ok) return;
    const criterion = view.result.criteria.find((candidate) => candidate.criterionId === criterionId);
    await desk.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId, expectedVersion: criterion?.version ?? 0, status, comment });
  }

  async annotate(desk: TestDesk, dossier: DossierImport, text: string): Promise<void> {
    await desk.call('annotations.add', { dossierId: dossier.id, target: { kind: 'field', position: 0 }, text });
  }

  async setAdvance(desk: TestDesk, dossier: DossierImport, percent: number): Promise<void> {
    await desk.call('instruction.setAdvance', { dossierId: dossier.id, advance: percent === 0 ? null : { amountCents: percent * 10_000, bankGuarantee: false } });
  }

  label(desk: TestDesk, dossier: DossierImport, label: string, present: boolean): void {
    runMutation(desk.ctx, present ? addLabel : removeLabel, { id: dossier.id, label });
  }

  async follow(desk: TestDesk, dossier: DossierImport, followed: boolean): Promise<void> {
    await desk.call('dossiers.setFollowed', { id: dossier.id, followed });
  }

  /** A lawful draft of a verdict, as the editor saves it. */
  createDecision(desk: TestDesk, dossier: DossierImport, type: DecisionType): void {
    const at = desk.ctx.clock().toISOString();
    runMutation(desk.ctx, createDecision, { decisionId: uuidv7(), dossierId: dossier.id, content: decisionContent(dossier, type, at.slice(0, 10)), at });
  }

  /** The `pick`-th decision in that state this desk shows, over all its dossiers (people act on what is there). */
  private async decisionIn(desk: TestDesk, state: 'brouillon' | 'proposee', pick: number) {
    const found = [];
    for (const dossier of this.dossiers) {
      const list = await desk.call('decisions.list', { dossierId: dossier.id });
      if (list.ok) found.push(...list.result.filter((decision) => decision.state === state));
    }
    return found.length === 0 ? undefined : found[pick % found.length];
  }

  async saveDecision(desk: TestDesk, pick: number, remarks: string): Promise<void> {
    const decision = await this.decisionIn(desk, 'brouillon', pick);
    if (decision) await desk.call('decisions.save', { id: decision.id, expectedVersion: decision.version, content: { ...decision.content, remarks } });
  }

  async propose(desk: TestDesk, pick: number): Promise<void> {
    const decision = await this.decisionIn(desk, 'brouillon', pick);
    if (decision) await desk.call('decisions.propose', { id: decision.id, expectedVersion: decision.version });
  }

  async sendBack(desk: TestDesk, pick: number): Promise<void> {
    const decision = await this.decisionIn(desk, 'proposee', pick);
    if (decision) await desk.call('decisions.sendBack', { id: decision.id, expectedVersion: decision.version, comment: 'À revoir.' });
  }

  /**
   * Signs a proposal as the signing screen records it: the signed PDF as a blob, the signature,
   * the dossier's outcome, in one transaction. The PDF is a stand-in: signing itself is tested
   * elsewhere; here its bytes must reach every desk intact.
   */
  async sign(desk: TestDesk, pick: number): Promise<void> {
    const decision = await this.decisionIn(desk, 'proposee', pick);
    if (!decision) return;
    const pdf = desk.ctx.blobs.put(Buffer.from(`%PDF-1.7 signed ${decision.id} by ${desk.account.email}`));
    const signedAt = desk.ctx.clock().toISOString();
    const calls = [
      mutationCall(registerBlob, { ...pdf, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: null, pages: [] }),
      mutationCall(signDecision, { id: decision.id, type: decision.content.type, signature: { signerName: desk.account.name, signerTitle: 'SGAR', signedAt, pdfSha256: pdf.sha256 } }),
    ];
    const outcome = dossierOutcome(decision.dossierId, decision.content);
    if (outcome) calls.push(outcome);
    try {
      runMutations(desk.ctx, calls);
    } catch {
      // Refused by the desk (the dossier already decided here, the proposal stale): nothing recorded.
    }
  }
}
