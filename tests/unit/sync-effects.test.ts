/**
 * The synced mutations: what each one tells the hub it does (keys set, entities inserted or acted
 * on, decision commands, blobs, roles), the arguments their shared schemas refuse, and that every
 * desk mutation sent to the hub validates with the very schema the hub checks it with.
 */
import { describe, expect, it } from 'vitest';
import { allMutations } from '../../electron/core/mutations/registry';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import type { SyncEffects } from '../../shared/sync/effects';
import { HUB_ROLES } from '../../shared/sync/protocol';
import { SYNCED_MUTATIONS, syncedMutationNamed } from '../../shared/sync/mutations';
import { makeDossier } from '../integration/fixtures/core-dossiers';
import { decisionContent } from '../integration/fixtures/decisions';

const DOSSIER = '0190a5c0-0000-7000-8000-000000000001';
const OTHER = '0190a5c0-0000-7000-8000-000000000002';
const ENTITY = '0190a5c0-0000-7000-8000-00000000000a';
const VERSION = '0190a5c0-0000-7000-8000-00000000000b';
const AT = '2026-03-15T10:00:00.000Z';
const SHA = 'a'.repeat(64);
const THUMB = 'b'.repeat(64);
const dossierRef = `dossier:${DOSSIER}`;

const importDossier = { ...makeDossier({ number: 7, state: 'en_instruction', arDate: '2026-01-15' }), id: DOSSIER };
importDossier.pieces = [
  { id: ENTITY, name: 'Devis.pdf', kind: 'devis', mimeType: 'application/pdf', sizeBytes: 10, sha256: SHA },
  { id: VERSION, name: 'Devis bis.pdf', kind: 'devis', mimeType: 'application/pdf', sizeBytes: 10, sha256: SHA },
];
const content = { ...decisionContent(importDossier, 'attribution', '2026-03-15') };
const signature = { signerName: 'Claire Martin', signerTitle: 'Secrétaire générale', signedAt: AT, pdfSha256: SHA };
const photo = {
  id: ENTITY,
  visitId: OTHER,
  name: 'Atelier.jpg',
  mimeType: 'image/jpeg',
  sizeBytes: 1_000,
  width: 800,
  height: 600,
  sha256: SHA,
  thumbnailSha256: THUMB,
  takenAt: null,
  gps: null,
  importedAt: AT,
} as const;

const effects = (extra: Partial<SyncEffects>): SyncEffects => ({ sets: [], inserts: [], refs: [], blobs: [], ...extra });
const set = (key: string, value: unknown) => ({ key, value });
const stateOf = (state: string) => ({ sets: [set(`dossier:${DOSSIER}:state`, state)], refs: [dossierRef], dossierState: state as SyncEffects['dossierState'] });

/** [name, arguments, the dossier the push declares, the effects]. */
const CASES: [string, unknown, string | null, SyncEffects][] = [
  ['dossier.setFollowed', { id: DOSSIER, followed: true }, DOSSIER, effects({ sets: [set(`dossier:${DOSSIER}:followed`, true)], refs: [dossierRef], personal: true, roles: HUB_ROLES })],
  ['dossier.addLabel', { id: DOSSIER, label: 'Prioritaire', batchId: OTHER }, DOSSIER, effects({ sets: [set(`dossier:${DOSSIER}:label/Prioritaire`, true)], refs: [dossierRef] })],
  ['dossier.removeLabel', { id: DOSSIER, label: 'Prioritaire' }, DOSSIER, effects({ sets: [set(`dossier:${DOSSIER}:label/Prioritaire`, false)], refs: [dossierRef] })],
  [
    'dossier.assign',
    { id: DOSSIER, instructor: { email: 'lea@example.gouv.fr', name: 'Léa' } },
    DOSSIER,
    effects({ sets: [set(`dossier:${DOSSIER}:assigned`, { email: 'lea@example.gouv.fr', name: 'Léa' })], refs: [dossierRef], assignedEmail: 'lea@example.gouv.fr' }),
  ],
  ['dossier.assign', { id: DOSSIER, instructor: null }, DOSSIER, effects({ sets: [set(`dossier:${DOSSIER}:assigned`, null)], refs: [dossierRef], assignedEmail: null })],
  ['dossier.passToInstruction', { id: DOSSIER }, DOSSIER, effects(stateOf('en_instruction'))],
  ['dossier.backToConstruction', { id: DOSSIER }, DOSSIER, effects(stateOf('en_construction'))],
  ['dossier.accept', { id: DOSSIER }, DOSSIER, effects(stateOf('accepte'))],
  ['dossier.refuse', { id: DOSSIER }, DOSSIER, effects(stateOf('refuse'))],
  ['dossier.closeSansSuite', { id: DOSSIER }, DOSSIER, effects(stateOf('sans_suite'))],
  ['dossier.acknowledge', { id: DOSSIER, arDate: '2026-01-15' }, DOSSIER, effects({ sets: [set(`dossier:${DOSSIER}:arDate`, '2026-01-15')], refs: [dossierRef] })],
  [
    'dossier.import',
    importDossier,
    DOSSIER,
    effects({
      sets: [
        set(`dossier:${DOSSIER}:state`, 'en_instruction'),
        set(`dossier:${DOSSIER}:assigned`, importDossier.assignedInstructor),
        set(`dossier:${DOSSIER}:arDate`, '2026-01-15'),
      ],
      dossierState: 'en_instruction',
      assignedEmail: importDossier.assignedInstructor!.email,
      // Two pieces with the same bytes: one blob.
      blobs: [SHA],
      roles: ['administrateur'],
    }),
  ],
  [
    'evaluation.setCriterion',
    { dossierId: DOSSIER, criterionId: 'jobs', expectedVersion: 2, status: 'met', comment: '8 emplois', evidence: [], draftKey: 'evaluation:jobs', at: AT },
    DOSSIER,
    effects({ sets: [set(`evaluation:${DOSSIER}/jobs:assessment`, { status: 'met', comment: '8 emplois', evidence: [] })], refs: [dossierRef] }),
  ],
  [
    'annotation.add',
    { dossierId: DOSSIER, target: { kind: 'note' }, text: 'À vérifier', annotationId: ENTITY, at: AT },
    DOSSIER,
    effects({ inserts: [`annotation:${ENTITY}`], refs: [dossierRef] }),
  ],
  [
    'annotation.edit',
    { annotationId: ENTITY, expectedVersion: 1, text: 'Vérifié', versionId: VERSION, at: AT },
    DOSSIER,
    effects({ inserts: [`annotation:${ENTITY}/${VERSION}`], refs: [`annotation:${ENTITY}`] }),
  ],
  [
    'annotation.remove',
    { annotationId: ENTITY, expectedVersion: 2, versionId: VERSION, at: AT },
    DOSSIER,
    effects({ inserts: [`annotation:${ENTITY}/${VERSION}`], refs: [`annotation:${ENTITY}`] }),
  ],
  [
    'message.send',
    { messageId: ENTITY, dossierId: DOSSIER, templateId: 'message_libre', expectedVersion: 2, subject: 'Dossier 7', body: 'Bonjour', answerDays: 15, answerBy: '2026-03-30', at: AT },
    DOSSIER,
    effects({ inserts: [`message:${ENTITY}`], refs: [dossierRef] }),
  ],
  [
    'instruction.setRegime',
    { dossierId: DOSSIER, regime: { kind: 'regional', zone: 'c' } },
    DOSSIER,
    effects({ sets: [set(`instruction:${DOSSIER}:regime`, { kind: 'regional', zone: 'c' })], refs: [dossierRef] }),
  ],
  ['instruction.setAdvance', { dossierId: DOSSIER, advance: null }, DOSSIER, effects({ sets: [set(`instruction:${DOSSIER}:advance`, null)], refs: [dossierRef] })],
  [
    'instruction.addExtension',
    { dossierId: DOSSIER, extension: { id: ENTITY, decidedOn: '2026-03-01', newDue: '2026-12-15', reason: 'Expertise' } },
    DOSSIER,
    effects({ inserts: [`extension:${ENTITY}`], refs: [dossierRef] }),
  ],
  [
    'instruction.removeExtension',
    { dossierId: DOSSIER, extensionId: ENTITY },
    DOSSIER,
    effects({ sets: [set(`extension:${ENTITY}:removed`, true)], refs: [dossierRef, `extension:${ENTITY}`] }),
  ],
  [
    'decision.create',
    { decisionId: ENTITY, dossierId: DOSSIER, content, at: AT },
    DOSSIER,
    effects({
      sets: [set(`decision:${ENTITY}:content`, content)],
      inserts: [`decision:${ENTITY}`],
      refs: [dossierRef],
      decision: { id: ENTITY, type: 'attribution', from: 'new', to: 'brouillon' },
    }),
  ],
  [
    'decision.save',
    { id: ENTITY, expectedVersion: 1, content, at: AT },
    DOSSIER,
    effects({ sets: [set(`decision:${ENTITY}:content`, content)], refs: [`decision:${ENTITY}`], decision: { id: ENTITY, type: 'attribution', from: ['brouillon'], to: 'brouillon' } }),
  ],
  [
    'decision.propose',
    { id: ENTITY, expectedVersion: 2, at: AT },
    DOSSIER,
    effects({ sets: [set(`decision:${ENTITY}:state`, 'proposee')], refs: [`decision:${ENTITY}`], decision: { id: ENTITY, from: ['brouillon'], to: 'proposee' }, roles: ['instructeur'] }),
  ],
  [
    'decision.sendBack',
    { id: ENTITY, expectedVersion: 3, comment: 'Montant à revoir', at: AT },
    DOSSIER,
    effects({ sets: [set(`decision:${ENTITY}:state`, 'brouillon')], refs: [`decision:${ENTITY}`], decision: { id: ENTITY, from: ['proposee'], to: 'brouillon' }, roles: ['signataire'] }),
  ],
  [
    'decision.reviewAgain',
    { id: ENTITY, comment: 'Nouvelles pièces', at: AT },
    DOSSIER,
    effects({ sets: [set(`decision:${ENTITY}:state`, 'brouillon')], refs: [`decision:${ENTITY}`], decision: { id: ENTITY, from: ['proposee'], to: 'brouillon' } }),
  ],
  [
    'decision.sign',
    { id: ENTITY, type: 'attribution', signature },
    DOSSIER,
    effects({
      sets: [set(`decision:${ENTITY}:state`, 'signee')],
      inserts: [`decision:${ENTITY}/signature/${SHA}`],
      refs: [`decision:${ENTITY}`],
      decision: { id: ENTITY, type: 'attribution', from: ['proposee'], to: 'signee' },
      blobs: [SHA],
      roles: ['signataire'],
    }),
  ],
  [
    'decision.countersign',
    { id: ENTITY, signature },
    DOSSIER,
    effects({
      inserts: [`decision:${ENTITY}/signature/${SHA}`],
      refs: [`decision:${ENTITY}`],
      decision: { id: ENTITY, from: ['signee'], to: 'signee' },
      blobs: [SHA],
      roles: ['signataire'],
    }),
  ],
  ['visit.create', { visitId: OTHER, dossierId: DOSSIER, at: AT }, DOSSIER, effects({ inserts: [`visit:${OTHER}`], refs: [dossierRef] })],
  [
    'visit.update',
    { visitId: OTHER, expectedVersion: 1, changes: { place: 'Atelier B', conclusion: 'Conforme' }, at: AT },
    DOSSIER,
    effects({ sets: [set(`visit:${OTHER}:place`, 'Atelier B'), set(`visit:${OTHER}:conclusion`, 'Conforme')], refs: [`visit:${OTHER}`] }),
  ],
  ['visit.addPhoto', photo, DOSSIER, effects({ inserts: [`photo:${ENTITY}`], refs: [`visit:${OTHER}`], blobs: [SHA, THUMB] })],
  ['visit.removePhoto', { photoId: ENTITY, at: AT }, DOSSIER, effects({ sets: [set(`photo:${ENTITY}:removed`, true)], refs: [`photo:${ENTITY}`] })],
  [
    'piece.attach',
    { id: ENTITY, dossierId: DOSSIER, name: 'attestation.pdf', mimeType: 'application/pdf', sizeBytes: 10, sha256: SHA, attachedAt: AT },
    DOSSIER,
    effects({ inserts: [`piece:${ENTITY}`], refs: [dossierRef], blobs: [SHA] }),
  ],
  ['preferences.setLanguage', { language: 'en' }, null, effects({ sets: [set('user:language', 'en')], personal: true, roles: HUB_ROLES })],
];

describe('the effects of each synced mutation', () => {
  it.each(CASES)('%s', (name, args, dossierId, expected) => {
    const synced = syncedMutationNamed(name)!;
    const parsed = synced.args.parse(args);
    expect(synced.effects(parsed, dossierId)).toEqual(expected);
    // The arguments cross HTTP as JSON: the hub reads the same ones back, with the same effects.
    const received = synced.args.parse(JSON.parse(JSON.stringify(parsed)));
    expect(received).toEqual(parsed);
    expect(synced.effects(received, dossierId)).toEqual(expected);
  });

  it('are listed for every synced mutation', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(SYNCED_MUTATIONS.keys()));
  });

  it('name no mutation the hub does not know', () => {
    expect(syncedMutationNamed('dossier.delete')).toBeUndefined();
    expect(syncedMutationNamed('draft.save')).toBeUndefined();
  });
});

/** Arguments a push may carry that the shared schemas refuse: the hub answers `invalid_args`. */
const REFUSED: [string, string, unknown][] = [
  ['an annotation without the id its author gave it', 'annotation.add', { dossierId: DOSSIER, target: { kind: 'note' }, text: 'À vérifier', at: AT }],
  ['an annotation with a field it does not have', 'annotation.add', { dossierId: DOSSIER, target: { kind: 'note' }, text: 'x', annotationId: ENTITY, at: AT, sql: 'DROP' }],
  ['an edit without its version id', 'annotation.edit', { annotationId: ENTITY, expectedVersion: 1, text: 'Vérifié', at: AT }],
  ['a criterion change that changes nothing', 'evaluation.setCriterion', { dossierId: DOSSIER, criterionId: 'jobs', expectedVersion: 0, at: AT }],
  ['a criterion change without its time', 'evaluation.setCriterion', { dossierId: DOSSIER, criterionId: 'jobs', expectedVersion: 0, status: 'met' }],
  ['a signature without the decision type', 'decision.sign', { id: ENTITY, signature }],
  ['a signature of a PDF that is no SHA-256', 'decision.countersign', { id: ENTITY, signature: { ...signature, pdfSha256: 'not-a-hash' } }],
  ['a message sent without its template', 'message.send', { messageId: ENTITY, dossierId: DOSSIER, expectedVersion: 2, subject: 'S', body: 'B', answerDays: 15, answerBy: '2026-03-30', at: AT }],
  ['a visit save with no change', 'visit.update', { visitId: OTHER, expectedVersion: 1, changes: {}, at: AT }],
  ['a dossier id that is no UUID', 'dossier.setFollowed', { id: '42', followed: true }],
  ['a language the desk does not speak', 'preferences.setLanguage', { language: 'de' }],
];

describe('the shared schemas refuse', () => {
  it.each(REFUSED)('%s', (_, name, args) => {
    expect(syncedMutationNamed(name)!.args.safeParse(args).success).toBe(false);
  });
});

describe('the desk and the hub', () => {
  const desk = [...allMutations().values()];

  it('validate a change with the same schema object', () => {
    for (const synced of SYNCED_MUTATIONS.values()) {
      expect(allMutations().get(synced.name)?.args, synced.name).toBe(synced.args);
    }
  });

  it('know every change the desk queues for the hub', () => {
    const queued = desk.filter((def) => def.outbox).map((def) => def.name);
    expect(queued.filter((name) => !SYNCED_MUTATIONS.has(name))).toEqual([]);
    // The import is the hub's own: desks replay it and never queue it.
    expect([...SYNCED_MUTATIONS.keys()].filter((name) => !queued.includes(name))).toEqual(['dossier.import']);
  });

  it('find every desk mutation by name for a replay, local ones included', () => {
    for (const name of ['draft.save', 'blob.register', 'decision.setRole', 'message.createDraft', 'echeances.setMe', 'dossier.import']) {
      expect(allMutations().get(name)?.name).toBe(name);
    }
  });
});

describe('the desk’s screens', () => {
  /** The text at a dotted path of a catalogue, if there is one. */
  const textAt = (catalogue: object, path: string): unknown =>
    path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), catalogue);

  it('name every synced change in words, in French and in English (the outbox, the conflicts)', () => {
    for (const name of SYNCED_MUTATIONS.keys()) {
      expect(textAt(fr, `sync.mutations.${name}`), `fr ${name}`).toEqual(expect.any(String));
      expect(textAt(en, `sync.mutations.${name}`), `en ${name}`).toEqual(expect.any(String));
    }
  });
});
