/**
 * Messages to the applicant on a real case file: drafts from templates, autosaves refused when
 * stale, sending fills the variables and queues the message in the outbox ("not sent yet" until
 * the hub applies it), and texts not fit to leave are refused with nothing written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { readMessageTemplates } from '../../electron/core/messages/templates';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';
import { relaisErrorOf } from './fixtures/relais-error';

let t: TestContext;
const dossier = makeDossier({ number: 401, raisonSociale: 'Forges de Lorraine', title: 'Four à induction' });

beforeAll(() => {
  // 23:30 UTC on 28 March 2026 is already 29 March in Paris, the night the clocks go forward.
  t = createTestContext('2026-03-28T23:30:00.000Z');
  const sha256 = registerTextBlob(t.ctx, ['Devis n° 17']);
  dossier.pieces = [pieceOf(sha256, 'devis.pdf', 'devis')];
  importDossiers(t.ctx, [dossier]);
});
afterAll(() => t.dispose());

const journalCount = () => t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
const outbox = () => t.ctx.db.prepare('SELECT mutation_id, name, args, state FROM outbox ORDER BY client_seq').all() as { mutation_id: string; name: string; args: string; state: string }[];

describe('message templates', () => {
  it('lists the three templates, French text, labels in both languages', async () => {
    const { templates } = await t.call('messages.templates', {});
    expect(templates.map((template) => template.id)).toEqual(['pieces_manquantes', 'demande_precisions', 'message_libre']);
    expect(templates[0]).toMatchObject({ label: { fr: 'Demande de pièces manquantes', en: 'Request for missing pieces' }, answerDays: 30 });
    expect(templates[0]!.body).toContain('{{pieces_manquantes}}');
  });

  it.each([
    ['not JSON', '{', '(fichier)'],
    ['a template without a body', JSON.stringify({ version: 1, templates: [{ id: 'message_libre', label: { fr: 'a', en: 'b' }, answerDays: 15, subject: 'x' }] }), 'templates.0.body'],
    ['an unknown variable', JSON.stringify({ version: 1, templates: [{ id: 'message_libre', label: { fr: 'a', en: 'b' }, answerDays: 15, subject: 'x', body: 'Bonjour {{societe}}' }] }), 'templates.0.body'],
  ])('refuses a template file with %s, naming the field', (_what, text, field) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-templates-'));
    try {
      const file = path.join(dir, 'templates.json');
      writeFileSync(file, text);
      expect(relaisErrorOf(() => readMessageTemplates(file))).toMatchObject({ code: 'message_templates_invalid', params: { file, field } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a missing-pieces message', () => {
  let messageId: string;

  it('gives the variables from the dossier: the missing required pieces and today in Paris', async () => {
    const { messages, context } = await t.call('messages.list', { dossierId: dossier.id });
    expect(messages).toEqual([]);
    expect(context).toEqual({
      company: 'Forges de Lorraine',
      dossierNumber: 401,
      projectTitle: 'Four à induction',
      instructorName: 'Camille Instructrice',
      missingPieces: ['extrait_kbis', 'plan_financement'],
      today: '2026-03-29',
    });
  });

  it('starts as a local draft with the template text: journaled, not queued for the hub', async () => {
    const outboxBefore = outbox().length;
    const draft = await t.call('messages.createDraft', { dossierId: dossier.id, templateId: 'pieces_manquantes' });
    messageId = draft.id;
    expect(draft).toMatchObject({ status: 'draft', version: 1, answerDays: 30, author: 'Camille Instructrice', sentAt: null, answerBy: null });
    expect(draft.subject).toBe('Dossier n° {{numero_dossier}} : pièces manquantes');
    expect(outbox().length).toBe(outboxBefore);
    expect((await t.call('dossiers.history', { id: dossier.id })).entries[0]).toMatchObject({ what: 'message.createDraft' });
  });

  it('autosaves each version, and refuses a save from a window that started from an older one', async () => {
    const saved = await t.call('messages.saveDraft', {
      messageId,
      expectedVersion: 1,
      subject: 'Dossier n° {{numero_dossier}} : pièces manquantes',
      body: 'Bonjour {{entreprise}},\n\nIl manque :\n{{pieces_manquantes}}\n\nRéponse attendue avant le {{date_reponse}} ({{delai_reponse}}).\n\n{{instructeur}}',
      answerDays: 30,
    });
    expect(saved).toMatchObject({ version: 2, status: 'draft' });
    const journalBefore = journalCount();
    const stale = await t.failure('messages.saveDraft', { messageId, expectedVersion: 1, subject: 'Autre fenêtre', body: 'Texte de l’autre fenêtre', answerDays: 30 });
    expect(stale).toMatchObject({ code: 'message_stale', params: { version: 2, expected: 1 } });
    expect(journalCount()).toBe(journalBefore);
    expect((await t.call('messages.list', { dossierId: dossier.id })).messages[0]!.body).toContain('Il manque');
  });

  it('refuses to send an unknown variable or an empty subject, and nothing leaves', async () => {
    const outboxBefore = outbox().length;
    await t.call('messages.saveDraft', { messageId, expectedVersion: 2, subject: 'Dossier {{numero}}', body: 'Texte', answerDays: 30 });
    expect(await t.failure('messages.send', { messageId, expectedVersion: 3 })).toMatchObject({ code: 'message_unknown_variable', params: { name: 'numero' } });
    await t.call('messages.saveDraft', { messageId, expectedVersion: 3, subject: '   ', body: 'Texte', answerDays: 30 });
    expect(await t.failure('messages.send', { messageId, expectedVersion: 4 })).toMatchObject({ code: 'message_subject_missing' });
    await t.call('messages.saveDraft', { messageId, expectedVersion: 4, subject: 'Objet', body: ' \n ', answerDays: 30 });
    expect(await t.failure('messages.send', { messageId, expectedVersion: 5 })).toMatchObject({ code: 'message_body_missing' });
    expect(outbox().length).toBe(outboxBefore);
  });

  it('sends: the variables are filled, the answer-by date counted in Paris days, the message queued and "not sent yet"', async () => {
    await t.call('messages.saveDraft', {
      messageId,
      expectedVersion: 5,
      subject: 'Dossier n° {{numero_dossier}} : pièces manquantes',
      body: 'Bonjour {{entreprise}},\nIl manque :\n{{pieces_manquantes}}\nRéponse avant le {{date_reponse}} ({{delai_reponse}}).\n{{instructeur}}',
      answerDays: 30,
    });
    const sent = await t.call('messages.send', { messageId, expectedVersion: 6 });
    expect(sent).toMatchObject({ status: 'not_sent', subject: 'Dossier n° 401 : pièces manquantes', answerBy: '2026-04-28', sentAt: '2026-03-28T23:30:00.000Z' });
    expect(sent.body).toBe(
      'Bonjour Forges de Lorraine,\nIl manque :\n- un extrait Kbis de moins de trois mois\n- le plan de financement du projet, toutes sources d’aide publique comprises\nRéponse avant le 28 avril 2026 (30 jours).\nCamille Instructrice',
    );
    const queued = outbox().at(-1)!;
    expect(queued).toMatchObject({ name: 'message.send', state: 'waiting' });
    // The hub delivers what the outbox holds: the filled text, not the draft's variables.
    expect(JSON.parse(queued.args)).toMatchObject({ messageId, dossierId: dossier.id, subject: sent.subject, body: sent.body, answerBy: '2026-04-28' });
    const history = await t.call('dossiers.history', { id: dossier.id });
    expect(history.entries[0]).toMatchObject({ what: 'message.send', before: { messageStatus: 'draft' }, after: { messageStatus: 'not_sent', answerBy: '2026-04-28' } });
    expect(history.chainIntact).toBe(true);
  });

  it('a sent message can no longer be changed, sent again or discarded', async () => {
    expect(await t.failure('messages.saveDraft', { messageId, expectedVersion: 7, subject: 'x', body: 'y', answerDays: 30 })).toMatchObject({ code: 'message_not_draft' });
    expect(await t.failure('messages.send', { messageId, expectedVersion: 7 })).toMatchObject({ code: 'message_not_draft' });
    expect(await t.failure('messages.discardDraft', { messageId, expectedVersion: 7 })).toMatchObject({ code: 'message_not_draft' });
  });

  it('follows its outbox entry: sent once the hub applied it, rejected if refused', async () => {
    const statusOf = async () => (await t.call('messages.list', { dossierId: dossier.id })).messages.find((m) => m.id === messageId)!.status;
    const setState = t.ctx.db.prepare(`UPDATE outbox SET state = ? WHERE name = 'message.send' AND json_extract(args, '$.messageId') = ?`);
    setState.run('sent', messageId);
    expect(await statusOf()).toBe('not_sent');
    setState.run('applied', messageId);
    expect(await statusOf()).toBe('sent');
    setState.run('rejected', messageId);
    expect(await statusOf()).toBe('rejected');
  });
});

describe('other drafts', () => {
  it('a discarded draft is gone from the list; the journal keeps its text', async () => {
    const draft = await t.call('messages.createDraft', { dossierId: dossier.id, templateId: 'message_libre' });
    await t.call('messages.discardDraft', { messageId: draft.id, expectedVersion: 1 });
    expect((await t.call('messages.list', { dossierId: dossier.id })).messages.map((m) => m.id)).not.toContain(draft.id);
    expect((await t.call('dossiers.history', { id: dossier.id })).entries[0]).toMatchObject({
      what: 'message.discardDraft',
      before: { messageStatus: 'draft', body: draft.body },
      after: null,
    });
  });

  it.each([
    ['an answer delay of 0 days', { answerDays: 0 }, 'answerDays'],
    ['a subject longer than 300 characters', { subject: 'x'.repeat(301) }, 'subject'],
  ])('refuses %s', async (_what, change, field) => {
    const draft = await t.call('messages.createDraft', { dossierId: dossier.id, templateId: 'demande_precisions' });
    const error = await t.failure('messages.saveDraft', { messageId: draft.id, expectedVersion: 1, subject: draft.subject, body: draft.body, answerDays: 15, ...change });
    expect(error).toMatchObject({ code: 'invalid_arguments', issues: [{ path: field }] });
  });

  it('a full disk during an autosave says so and leaves the previous version intact', async () => {
    const draft = await t.call('messages.createDraft', { dossierId: dossier.id, templateId: 'message_libre' });
    const journalBefore = journalCount();
    // The file may not grow by one page more: SQLite answers SQLITE_FULL, as on a full disk.
    const pages = t.ctx.db.pragma('page_count', { simple: true }) as number;
    t.ctx.db.pragma(`max_page_count = ${pages}`);
    try {
      const long = Array.from({ length: 3_000 }, (_, i) => `mot${i}`).join(' ').slice(0, 19_000);
      const error = await t.failure('messages.saveDraft', { messageId: draft.id, expectedVersion: 1, subject: draft.subject, body: long, answerDays: 15 });
      expect(error.code).toBe('disk_full');
    } finally {
      t.ctx.db.pragma('max_page_count = 1073741823');
    }
    expect(journalCount()).toBe(journalBefore);
    expect((await t.call('messages.list', { dossierId: dossier.id })).messages.find((m) => m.id === draft.id)).toMatchObject({ version: 1, body: draft.body });
  });

  it('names an unknown dossier or message', async () => {
    expect(await t.failure('messages.createDraft', { dossierId: '0190a3c4-0000-7000-8000-0000000000ff', templateId: 'message_libre' })).toMatchObject({ code: 'not_found' });
    expect(await t.failure('messages.send', { messageId: '0190a3c4-0000-7000-8000-0000000000ff', expectedVersion: 1 })).toMatchObject({ code: 'not_found' });
  });
});
