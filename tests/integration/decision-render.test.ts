/**
 * `relais decision render` as a user runs it, on a demo case file: each type of act is written as
 * a PDF/A whose text holds its mandatory mentions, and what a proposal would refuse is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../shared/contract';
import { DECISION_TYPES, type DecisionContent, type DecisionType } from '../../shared/domain/decision';
import { inspectPdf } from './fixtures/pdf-tools';
import { relais } from './relais-process';

const SHOTS = '/tmp/relais/shots';

let tmp: string;
let dataDir: string;
/** A small company's dossier with pieces missing that asks for more than 20 % of its eligible base. */
let dossier: DossierDetail;

function call(channel: string, args: unknown): unknown {
  const result = relais(['call', '--data', dataDir, channel, JSON.stringify(args)]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

let renders = 0;

function render(type: DecisionType, extra: string[] = [], lang: 'fr' | 'en' = 'fr') {
  renders += 1;
  const out = path.join(tmp, `${type}-${renders}.pdf`);
  return { out, ...relais(['decision', 'render', '--data', dataDir, '--dossier', dossier.id, '--type', type, '--out', out, ...extra], lang) };
}

/** pdftotext without -layout, each run of spaces as one: the sentences as a reader reads them. */
function textOf(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

function attachedContent(file: string): DecisionContent {
  const saved = path.join(tmp, 'decision.json');
  execFileSync('pdfdetach', ['-save', '1', '-o', saved, file]);
  return JSON.parse(readFileSync(saved, 'utf8')) as DecisionContent;
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const longDate = (date: string) => LONG_DATE.format(new Date(`${date}T00:00:00Z`)).replace(/^1 /, '1er ');
const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100).replace(/[\u00a0\u202f]/g, ' ');

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-decision-render-'));
  dataDir = path.join(tmp, 'case');
  expect(relais(['demo', '--data', dataDir, '--count', '12', '--seed', '3']).status).toBe(0);
  const { rows } = call('dossiers.list', { limit: 12 }) as { rows: Array<{ id: string }> };
  const details = rows.map((row) => call('dossiers.get', { id: row.id }) as DossierDetail);
  dossier = details.find(
    (candidate) =>
      candidate.demandeur.size === 'petite' &&
      candidate.checks.find((check) => check.id === 'required_pieces')?.status === 'failed' &&
      candidate.finance.amountRequestedCents > candidate.finance.eligibleBaseCents * 0.36,
  )!;
  expect(dossier).toBeDefined();
  // Regional aid in a 'c' area: 35 % at most for a small company, below what it asked for.
  call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'regional', zone: 'c' } });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('relais decision render: the acts', () => {
  const written = new Map<DecisionType, { out: string; text: string; content: DecisionContent }>();

  it.each(DECISION_TYPES)('writes %s as a clean PDF/A with embedded subset fonts and its data attached', (type) => {
    const motivation = type === 'refus' ? 'Le projet ne crée ni ne maintient aucun emploi sur le site.' : 'Le demandeur a retiré sa demande le 2 mars 2026.';
    const { out, status, stdout, stderr } = render(type, ['--motivation', motivation]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const content = attachedContent(out);
    expect(stdout.trim()).toBe(`${{ 'accuse-reception': 'Accusé de réception', 'demande-pieces': 'Demande de pièces complémentaires', attribution: 'Arrêté attributif de subvention', refus: 'Refus motivé', 'sans-suite': 'Classement sans suite' }[type]} n° ${content.reference} écrit dans ${out}.`);
    const report = inspectPdf(readFileSync(out), `${SHOTS}/decision-${type}`);
    expect(report.qpdfOk).toBe(true);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim());
    for (const row of fonts) expect(row.trim().split(/\s+/).slice(-5, -3)).toEqual(['yes', 'yes']);
    expect(execFileSync('pdfinfo', ['-meta', out], { encoding: 'utf8' })).toContain('<pdfaid:part>3</pdfaid:part>');
    written.set(type, { out, text: textOf(out), content });
  });

  it('puts on every act the heading, reference, place and date, signatory and the routes and delays of appeal', () => {
    expect(written.size).toBe(DECISION_TYPES.length);
    for (const [type, { text, content }] of written) {
      const year = content.date.slice(0, 4);
      expect(content.reference).toBe(`TI-${year}-${dossier.number}-${{ 'accuse-reception': 'AR', 'demande-pieces': 'DP', attribution: 'ATT', refus: 'REF', 'sans-suite': 'CSS' }[type]}`);
      expect(text).toContain('RÉPUBLIQUE FRANÇAISE');
      expect(text).toContain(content.authority[0]);
      expect(text).toContain(`Référence : ${content.reference}`);
      expect(text).toMatch(new RegExp(`[A-ZÀ-Ÿ][\\w’ -]+, le ${longDate(content.date)}`));
      const { firstName, lastName, title, delegation } = content.signatory;
      expect(text).toContain(`${firstName} ${lastName.toLocaleUpperCase('fr')}`);
      expect(text.toLowerCase()).toContain(title.toLowerCase());
      expect(text).toContain(delegation!);
      expect(text).toContain(content.dossier.company);
      expect(text).toContain('recours gracieux');
      expect(text).toContain('recours hiérarchique auprès du ministre chargé de l’industrie');
      expect(text).toMatch(/recours contentieux peut être formé devant le tribunal administratif d[e’] ?[A-ZÉ]/);
      expect(text).toContain('dans un délai de deux mois');
      expect(text).toContain('R. 421-1');
      expect(text).toContain('« Télérecours citoyens »');
      expect(text).toContain('www.telerecours.fr');
      expect(text).toMatch(/Page 1 \/ \d/);
    }
  });

  it('acknowledges receipt with the date of receipt, the admissibility and instruction delays and the implicit rejection', () => {
    const { text, content } = written.get('accuse-reception')!;
    if (content.type !== 'accuse-reception') throw new Error('wrong type');
    expect(text).toContain(`reçue le ${longDate(content.receivedOn)}`);
    expect(text).toContain(`au plus tard le ${longDate(content.admissibilityDue)}, soit deux mois après la réception`);
    expect(text).toContain('dans un délai de 8 mois');
    expect(text).toContain('réputée rejetée');
    expect(text).toContain('décision implicite de rejet');
  });

  it('asks for the missing pieces, listed, with the date to answer by', () => {
    const { text, content } = written.get('demande-pieces')!;
    if (content.type !== 'demande-pieces') throw new Error('wrong type');
    expect(content.missingPieces.length).toBeGreaterThan(0);
    for (const piece of content.missingPieces) expect(text).toContain(`– ${piece}`);
    expect(text).toContain(`au plus tard le ${longDate(content.answerBy)}`);
  });

  it('grants with the contents décret 2018-514 art. 8 requires, the amount capped at the regime’s rate', () => {
    const { text, content } = written.get('attribution')!;
    if (content.type !== 'attribution') throw new Error('wrong type');
    const base = dossier.finance.eligibleBaseCents;
    expect(content.rateBasisPoints).toBe(3_500);
    expect(content.amountCents).toBe(Math.floor((base * 3_500) / 10_000));
    expect(text).toContain('Vu le décret n° 2018-514 du 25 juin 2018');
    expect(text).toContain('Vu le règlement (UE) n° 651/2014');
    expect(text).toContain('décret n° 2022-968');
    expect(text).toContain('ARRÊTE');
    expect(text).toContain(`SIRET ${dossier.demandeur.siret}`);
    expect(text).toContain(`« ${dossier.projet.title} »`);
    expect(text).toContain(`montant maximal de ${euros(content.amountCents)}`);
    expect(text).toContain(`35 % × ${euros(base)} = ${euros(content.amountCents)}`);
    expect(text).toContain(`achevé au plus tard le ${longDate(content.completionOn)}`);
    expect(text).toContain(`commence le ${longDate(content.worksStartOn)}`);
    for (const mention of ['avance', 'acomptes', 'solde', 'reverse', 'Article 1er', 'Article 7']) expect(text).toContain(mention);
  });

  it('refuses with its reasons of law and of fact under their own headings', () => {
    const { text, content } = written.get('refus')!;
    if (content.type !== 'refus') throw new Error('wrong type');
    expect(text).toContain('Motifs de droit');
    expect(text).toContain('Motifs de fait');
    expect(text).toContain(content.reasonsOfLaw.replace(/\s+/g, ' ').slice(0, 60));
    expect(text).toContain('Le projet ne crée ni ne maintient aucun emploi sur le site.');
    expect(text).toContain('L. 211-2 et L. 211-5');
    expect(text).toContain('DÉCIDE');
    expect(text).toContain('est rejetée pour les motifs de droit et de fait exposés ci-dessus');
  });

  it('closes without follow-up, saying why', () => {
    const { text } = written.get('sans-suite')!;
    expect(text).toContain('est classée sans suite');
    expect(text).toContain('Le demandeur a retiré sa demande le 2 mars 2026.');
  });
});

describe('relais decision render: what a proposal would refuse', () => {
  it('refuses a refusal without reasons of fact, and says why, exit 1', () => {
    const { out, status, stdout, stderr } = render('refus', ['--motivation', '   ']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('L’acte n’a pas été écrit');
    expect(stderr).toContain('Un refus doit énoncer ses motifs de fait (CRPA, art. L211-5).');
    expect(() => readFileSync(out)).toThrow();
  });

  it('refuses a closure without follow-up with no reason', () => {
    const { status, stderr } = render('sans-suite', []);
    expect(status).toBe(1);
    expect(stderr).toContain('Indiquez pourquoi le dossier est classé sans suite.');
  });

  it('refuses an amount above the request', () => {
    const { status, stderr } = render('attribution', ['--amount-cents', String(dossier.finance.amountRequestedCents + 100)]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/dépasse le montant demandé/);
  });

  it('refuses an amount above the ceiling of the regime, and says it in English too', () => {
    // 36 % of the base: below the request, above the 35 % of regional aid for a small company.
    const amount = Math.floor((dossier.finance.eligibleBaseCents * 3_600) / 10_000);
    expect(amount).toBeLessThan(dossier.finance.amountRequestedCents);
    const french = render('attribution', ['--amount-cents', String(amount)]);
    expect(french.status).toBe(1);
    expect(french.stderr).toMatch(/36[\s\u202f]% de la dépense éligible, au-delà de la limite de 35[\s\u202f]%/);
    expect(french.stderr).not.toMatch(/dépasse le montant demandé/);
    const english = render('attribution', ['--amount-cents', String(amount)], 'en');
    expect(english.status).toBe(1);
    expect(english.stderr).toContain('The act was not written');
  });

  it('writes an attribution of the amount asked for when it is rate × base within the ceiling', () => {
    const amount = Math.floor((dossier.finance.eligibleBaseCents * 3_000) / 10_000);
    const { out, status, stderr } = render('attribution', ['--amount-cents', String(amount)]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const content = attachedContent(out);
    expect(content.type === 'attribution' && [content.amountCents, content.rateBasisPoints]).toEqual([amount, 3_000]);
  });

  it('stops on wrong arguments with the usage, exit 2', () => {
    expect(render('accuse-reception', ['--amount-cents', '100']).status).toBe(2);
    expect(render('attribution', ['--amount-cents', '12,5']).status).toBe(2);
    const wrongType = relais(['decision', 'render', '--data', dataDir, '--dossier', dossier.id, '--type', 'arrete', '--out', path.join(tmp, 'x.pdf')]);
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain('--type');
  });

  it('says an unknown dossier cannot be found, exit 1', () => {
    const { status, stderr } = relais(['decision', 'render', '--data', dataDir, '--dossier', '0190a3c4-0000-7000-8000-000000000000', '--type', 'refus', '--out', path.join(tmp, 'x.pdf')]);
    expect(status).toBe(1);
    expect(stderr).toContain('dossier 0190a3c4-0000-7000-8000-000000000000');
  });
});
