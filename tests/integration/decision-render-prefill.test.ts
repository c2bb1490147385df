/** A new act's content from a real case file: the dossier, its evaluation and its instruction facts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefillDecision } from '../../electron/core/decisions/prefill';
import { importDossiers } from '../../electron/core/dossiers/import';
import { DecisionContent, type DecisionContentOf, type DecisionType } from '../../shared/domain/decision';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';

let t: TestContext;
// Eligible base 500 000 €, 100 000 € requested (20 %), a small company in Grand Est.
const dossier = makeDossier({ number: 1042, raisonSociale: 'Forges de l’Est SAS', title: 'Ligne de découpe laser', receivedAt: '2026-02-10T23:30:00Z' });

function prefill<T extends DecisionType>(type: T): DecisionContentOf<T> {
  const content = prefillDecision(t.ctx, dossier.id, type);
  // What core stores must be what the schema accepts.
  expect(DecisionContent.safeParse(content).success).toBe(true);
  expect(content.type).toBe(type);
  return content as DecisionContentOf<T>;
}

beforeAll(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  dossier.pieces = [pieceOf(registerTextBlob(t.ctx, ['Devis signé']), 'devis.pdf', 'devis')];
  importDossiers(t.ctx, [dossier]);
});

afterAll(() => t.dispose());

describe('prefillDecision', () => {
  it('names the dossier, the region’s authority and its default signatory, with a reference and today’s date in Paris', () => {
    const content = prefill('accuse-reception');
    expect(content.dossier).toEqual({
      number: 1042,
      company: 'Forges de l’Est SAS',
      siret: dossier.demandeur.siret,
      address: ['3 rue des Forges', '88000 Épinal'],
      projectTitle: 'Ligne de découpe laser',
      regionCode: '44',
    });
    expect(content.reference).toBe('TI-2026-1042-AR');
    expect(content.date).toBe('2026-03-15');
    expect(content.authority).toEqual(['PRÉFET DE LA RÉGION GRAND EST', 'Secrétariat général pour les affaires régionales']);
    expect(content.signatory.delegation).toBe('Pour le préfet de la région Grand Est et par délégation,');
    // Received at 23:30 UTC on 10 February: 11 February in Paris.
    expect(content.receivedOn).toBe('2026-02-11');
    expect(content.admissibilityDue).toBe('2026-04-11');
    expect(content.instructionMonths).toBe(8);
  });

  it('asks for the required pieces the dossier lacks, to answer within 30 days', () => {
    const content = prefill('demande-pieces');
    expect(content.missingPieces).toEqual(['un extrait Kbis de moins de trois mois', 'le plan de financement du projet, toutes sources d’aide publique comprises']);
    expect(content.answerBy).toBe('2026-04-14');
  });

  it('grants the request when the regime allows it, capped at its rate otherwise, with the advance asked for', async () => {
    const noRegime = prefill('attribution');
    expect(noRegime.stateAidBasis).toBe('[régime d’aide d’État à préciser]');
    expect([noRegime.rateBasisPoints, noRegime.amountCents]).toEqual([2_000, 10_000_000]);

    await t.call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'gber_art17' } });
    await t.call('instruction.setAdvance', { dossierId: dossier.id, advance: { amountCents: 1_500_000, bankGuarantee: true } });
    const art17 = prefill('attribution');
    expect(art17.stateAidBasis).toContain('651/2014');
    expect(art17.stateAidBasis).toContain('article 17');
    expect([art17.eligibleExpenditureCents, art17.rateBasisPoints, art17.amountCents]).toEqual([50_000_000, 2_000, 10_000_000]);
    expect(art17.payment).toMatchObject({ advanceCents: 1_500_000, bankGuarantee: true });
    expect([art17.worksStartOn, art17.completionOn]).toEqual(['2026-09-01', '2027-12-31']);
    expect(art17.repayment).not.toBe('');

    // De minimis with 250 000 € received in the last three years: 50 000 € left, 10 % of the base.
    await t.call('instruction.setRegime', {
      dossierId: dossier.id,
      regime: { kind: 'de_minimis', priorAids: [{ grantor: 'Région Grand Est', amountCents: 25_000_000, grantedOn: '2025-01-10' }] },
    });
    const deMinimis = prefill('attribution');
    expect(deMinimis.stateAidBasis).toContain('2023/2831');
    expect([deMinimis.rateBasisPoints, deMinimis.amountCents]).toEqual([1_000, 5_000_000]);
  });

  it('starts a refusal from the template’s reasons of law and the criteria found not met, with their comments', async () => {
    expect(prefill('refus').reasonsOfFact).toBe('');
    await t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'eligible_applicant', expectedVersion: 0, status: 'not_met', comment: 'Le SIRET est fermé depuis 2024.' });
    const content = prefill('refus');
    expect(content.reasonsOfLaw).toContain('décret n° 2018-514');
    expect(content.reasonsOfFact).toBe('Le critère « Demandeur éligible » n’est pas rempli : Le SIRET est fermé depuis 2024.');
    expect(prefill('sans-suite').reason).toBe('');
  });

  it('refuses a dossier it does not know', () => {
    expect(() => prefillDecision(t.ctx, '0190a3c4-0000-7000-8000-000000000000', 'refus')).toThrow(/not_found/);
  });
});
