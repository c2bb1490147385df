/**
 * Random work on a real case file, as an instructor's screens make it: every call goes through
 * the contract (`dispatch`), writes (annotations added and edited, visit reports created and
 * autosaved, dossiers followed, labels put on or taken off every dossier in one bulk action)
 * mixed with the reads the screens make in between. Seeded, so a
 * run is reproducible. The kill tests, the full-disk test and the soak all draw from it.
 */
import { dispatch } from '../../../electron/core/dispatch';
import { importDossiers } from '../../../electron/core/dossiers/import';
import type { Session } from '../../../electron/core/session';
import type { Random } from '../../../electron/core/demo/random';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import { makeDossier } from '../fixtures/core-dossiers';

const SORT_COLUMNS = ['number', 'demandeur', 'projet', 'territoire', 'montant', 'etat', 'echeance'] as const;
/** How many of the latest annotations the workload goes back to edit. */
const EDITED_ANNOTATIONS = 200;
const LABELS = ['à relancer', 'visite faite', 'comité de mars'];
const WORDS = ['visite', 'atelier', 'ligne', 'presse', 'devis', 'four', 'emploi', 'énergie', 'chaudière', 'bâtiment', 'Épinal', 'conformité'];

/** A channel's answer, or the refusal it sent, exactly as a screen gets it. */
export async function callChannel<C extends ChannelName>(session: Session, channel: C, args: ArgsOf<C>) {
  return dispatch(session.handlers, channel, args, { validateResults: true });
}

/** Calls a channel that must succeed. */
export async function callOk<C extends ChannelName>(session: Session, channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const envelope = await callChannel(session, channel, args);
  if (!envelope.ok) throw new Error(`${channel} refused: ${JSON.stringify(envelope.error)}`);
  return envelope.result as ResultOf<C>;
}

/** Dossiers for the work to land on, imported once into an empty case file. */
export function seedDossiers(session: Session, count = 4): void {
  importDossiers(
    session.ctx,
    Array.from({ length: count }, (_, i) => makeDossier({ number: 9_001 + i, state: 'en_instruction', arDate: '2026-01-15' })),
  );
}

/** Words drawn at random, about `length` characters. */
export function randomText(random: Random, length: number): string {
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = random.pick(WORDS);
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

interface Versioned {
  id: string;
  version: number;
}

export interface Step {
  channel: ChannelName;
  /** The journal's id for the last change the call made (null when it changed nothing). */
  mutationId: string | null;
}

export class RandomWorkload {
  private constructor(
    private readonly session: Session,
    private readonly random: Random,
    private readonly dossierIds: string[],
    private readonly annotations: Versioned[],
    private readonly visits: Versioned[],
    private readonly followed: Map<string, boolean>,
  ) {}

  /** Picks up the case file as it is (after a crash too): its dossiers, annotations and visit reports, read through the contract. */
  static async resume(session: Session, random: Random): Promise<RandomWorkload> {
    const page = await callOk(session, 'dossiers.list', { limit: 100 });
    const dossierIds = page.rows.map((row) => row.id);
    if (dossierIds.length === 0) throw new Error('the case file has no dossier to work on (seedDossiers first)');
    const annotations: Versioned[] = [];
    const visits: Versioned[] = [];
    for (const dossierId of dossierIds) {
      for (const annotation of (await callOk(session, 'annotations.list', { dossierId })).annotations) {
        annotations.push({ id: annotation.id, version: annotation.version });
      }
      for (const visit of (await callOk(session, 'visits.list', { dossierId })).visits) visits.push({ id: visit.id, version: visit.version });
    }
    const followed = new Map(page.rows.map((row) => [row.id, row.followed]));
    return new RandomWorkload(session, random, dossierIds, annotations.slice(-EDITED_ANNOTATIONS), visits, followed);
  }

  /** One call, drawn at random; a refusal is a failure of the case file, never expected here. */
  async step(): Promise<Step> {
    const action = this.random.weighted<() => Promise<ChannelName>>([
      [() => this.addAnnotation(), 4],
      [() => this.editAnnotation(), this.annotations.length > 0 ? 2 : 0],
      [() => this.createVisit(), this.visits.length < 40 ? 1 : 0],
      [() => this.updateVisit(), this.visits.length > 0 ? 3 : 0],
      [() => this.toggleFollowed(), 1],
      [() => this.labelAll(), 0.5],
      [() => this.listDossiers(), 1],
      [() => this.readDossier(), 1],
    ]);
    const before = this.lastEntry();
    const channel = await action();
    const after = this.lastEntry();
    return { channel, mutationId: after && after.seq !== before?.seq ? after.mutationId : null };
  }

  private lastEntry(): { seq: number; mutationId: string } | undefined {
    return this.session.ctx.db.prepare<[], { seq: number; mutationId: string }>('SELECT seq, mutation_id AS mutationId FROM journal ORDER BY seq DESC LIMIT 1').get();
  }

  private text(): string {
    return randomText(this.random, this.random.int(10, 400));
  }

  private async addAnnotation(): Promise<ChannelName> {
    const target = this.random.chance(0.5) ? { kind: 'note' as const } : { kind: 'field' as const, position: 0 };
    const added = await callOk(this.session, 'annotations.add', { dossierId: this.random.pick(this.dossierIds), target, text: this.text() });
    this.annotations.push({ id: added.id, version: added.version });
    // Only the latest are edited again, as on a desk: the workload's own memory stays flat over a long run.
    if (this.annotations.length > EDITED_ANNOTATIONS) this.annotations.shift();
    return 'annotations.add';
  }

  private async editAnnotation(): Promise<ChannelName> {
    const annotation = this.random.pick(this.annotations);
    const saved = await callOk(this.session, 'annotations.edit', { annotationId: annotation.id, expectedVersion: annotation.version, text: this.text() });
    annotation.version = saved.version;
    return 'annotations.edit';
  }

  private async createVisit(): Promise<ChannelName> {
    const visit = await callOk(this.session, 'visits.create', { dossierId: this.random.pick(this.dossierIds) });
    this.visits.push({ id: visit.id, version: visit.version });
    return 'visits.create';
  }

  private async updateVisit(): Promise<ChannelName> {
    const visit = this.random.pick(this.visits);
    const saved = await callOk(this.session, 'visits.update', { visitId: visit.id, expectedVersion: visit.version, changes: { observations: this.text() } });
    visit.version = saved.version;
    return 'visits.update';
  }

  private async toggleFollowed(): Promise<ChannelName> {
    const id = this.random.pick(this.dossierIds);
    const followed = !this.followed.get(id);
    await callOk(this.session, 'dossiers.setFollowed', { id, followed });
    this.followed.set(id, followed);
    return 'dossiers.setFollowed';
  }

  /** One transaction for all the dossiers: after a crash the batch is there whole or not at all. */
  private async labelAll(): Promise<ChannelName> {
    const label = this.random.pick(LABELS);
    const action = this.random.chance(0.5) ? { kind: 'addLabel' as const, label } : { kind: 'removeLabel' as const, label };
    await callOk(this.session, 'bulk.run', { action, target: { ids: this.dossierIds } });
    return 'bulk.run';
  }

  private async listDossiers(): Promise<ChannelName> {
    const column = this.random.pick(SORT_COLUMNS);
    await callOk(this.session, 'dossiers.list', { sort: { column, direction: this.random.pick(['asc', 'desc'] as const) } });
    return 'dossiers.list';
  }

  private async readDossier(): Promise<ChannelName> {
    const dossierId = this.random.pick(this.dossierIds);
    await callOk(this.session, 'dossiers.get', { id: dossierId });
    await callOk(this.session, 'visits.list', { dossierId });
    return 'dossiers.get';
  }
}
