/** Every verdict of every check has its sentence in both languages, with amounts, rates and dates formatted. */
import { describe, expect, it } from 'vitest';
import type { DossierCheck } from '../../shared/domain/checks';
import type { Finance } from '../../shared/domain/dossier';
import { createTranslator } from '../../shared/i18n/translator';
import { admissibilityDeadlineCheck } from '../../shared/rules/checks/admissibility-deadline';
import { advanceCeilingCheck } from '../../shared/rules/checks/advance-ceiling';
import { aidIntensityCheck } from '../../shared/rules/checks/aid-intensity';
import { instructionDeadlineCheck } from '../../shared/rules/checks/instruction-deadline';
import { publicAidCeilingCheck } from '../../shared/rules/checks/public-aid-ceiling';
import { requiredPiecesCheck } from '../../shared/rules/checks/required-pieces';
import { checkSentence } from '../../shared/rules/checks/sentence';

const finance = (requestedCents: number, otherAidCents = 0): Finance => ({
  costLines: [],
  eligibleBaseCents: 100_000_000,
  financingPlan: [{ funder: 'Région', kind: 'aide_publique', amountCents: otherAidCents }],
  amountRequestedCents: requestedCents,
});
const received = { receivedAt: '2026-01-10T09:00:00Z', arDate: null, admissibilityNotifiedOn: null };
const acknowledged = { ...received, arDate: '2026-01-12' };
const extended = [{ newDue: '2026-10-30' }];
const TODAY = '2026-03-01';
const priorAid = (amountCents: number) => ({ grantor: 'Région', amountCents, grantedOn: '2025-06-01' });

/** One check for each reason a check can give. */
const EVERY_REASON: DossierCheck[] = [
  requiredPiecesCheck([{ kind: 'devis' }, { kind: 'extrait_kbis' }, { kind: 'plan_financement' }]),
  requiredPiecesCheck([{ kind: 'devis' }]),
  requiredPiecesCheck([{ kind: 'devis' }, { kind: 'extrait_kbis' }]),
  admissibilityDeadlineCheck({ ...acknowledged, admissibilityNotifiedOn: '2026-02-01' }, '2026-02-01'),
  admissibilityDeadlineCheck(acknowledged, '2026-02-01'),
  admissibilityDeadlineCheck(received, '2026-01-20'),
  admissibilityDeadlineCheck(received, '2026-03-01'),
  admissibilityDeadlineCheck(received, '2026-04-01'),
  instructionDeadlineCheck('en_construction', received, '2026-01-20'),
  instructionDeadlineCheck('accepte', acknowledged, '2026-05-01'),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-05-01'),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-09-01'),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-09-20'),
  publicAidCeilingCheck(finance(20_000_000, 10_000_000)),
  publicAidCeilingCheck(finance(80_000_000, 30_000_000)),
  instructionDeadlineCheck('accepte', acknowledged, '2026-05-01', extended),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-05-01', extended),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-10-01', extended),
  instructionDeadlineCheck('en_instruction', acknowledged, '2026-11-01', extended),
  aidIntensityCheck('petite', finance(1), null, TODAY),
  aidIntensityCheck('petite', finance(10_000_000), { kind: 'de_minimis', priorAids: null }, TODAY),
  aidIntensityCheck('petite', finance(10_000_000), { kind: 'de_minimis', priorAids: [priorAid(5_000_000)] }, TODAY),
  aidIntensityCheck('petite', finance(10_000_000), { kind: 'de_minimis', priorAids: [priorAid(25_000_000)] }, TODAY),
  aidIntensityCheck('grande', finance(1), { kind: 'gber_art17' }, TODAY),
  aidIntensityCheck('grande', finance(1), { kind: 'regional', zone: 'non_zoned' }, TODAY),
  aidIntensityCheck('petite', { ...finance(1), eligibleBaseCents: 0 }, { kind: 'regional', zone: 'c' }, TODAY),
  aidIntensityCheck('moyenne', finance(12_345_600), { kind: 'regional', zone: 'a' }, TODAY),
  aidIntensityCheck('moyenne', finance(12_345_600), { kind: 'gber_art17' }, TODAY),
  advanceCeilingCheck(10_000_000, undefined),
  advanceCeilingCheck(0, { amountCents: 3_000_000, bankGuarantee: false }),
  advanceCeilingCheck(10_000_000, { amountCents: 3_000_000, bankGuarantee: false }),
  advanceCeilingCheck(10_000_000, { amountCents: 7_000_000, bankGuarantee: true }),
];

describe('check sentences', () => {
  it('covers every reason of every check', () => {
    const reasons = new Set(EVERY_REASON.map((check) => `${check.id}.${check.params.reason}`));
    expect(reasons.size).toBe(EVERY_REASON.length - 1); // the two missing-piece plurals share a reason
  });

  for (const language of ['fr', 'en'] as const) {
    const { t } = createTranslator(language);
    it.each(EVERY_REASON.map((check) => [`${check.id}.${check.params.reason}`, check] as const))(`${language}: %s`, (_, check) => {
      const sentence = checkSentence(t, check, language);
      expect(sentence).not.toMatch(/^checks\.|\{\{|\bundefined\b|\bnull\b|\bNaN\b/);
      expect(sentence.length).toBeGreaterThan(20);
    });
  }

  it('formats amounts, rates, dates, piece kinds, sizes and regimes for the reader', () => {
    // French separates thousands and units with (narrow) no-break spaces.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    const fr = createTranslator('fr').t;
    const en = createTranslator('en').t;
    const rate = aidIntensityCheck('moyenne', finance(12_345_600), { kind: 'gber_art17' }, TODAY);
    expect(plain(checkSentence(fr, rate, 'fr'))).toBe(
      'RGEC, article 17 : 12,35 % de l’assiette éligible, au-delà de la limite de 10 % (moyenne entreprise : 100 000 € au plus).',
    );
    expect(checkSentence(en, rate, 'en')).toBe(
      'GBER, article 17: 12.35% of the eligible base, above the 10% limit (medium-sized company: at most €100,000).',
    );
    const missing = requiredPiecesCheck([{ kind: 'devis' }]);
    expect(plain(checkSentence(fr, missing, 'fr'))).toBe('Pièces obligatoires manquantes : Extrait Kbis et Plan de financement.');
    const rejected = instructionDeadlineCheck('en_instruction', acknowledged, '2026-09-20');
    expect(plain(checkSentence(fr, rejected, 'fr'))).toBe(
      'Aucune décision dans les 8 mois qui ont suivi l’accusé de réception du 12 janv. 2026 : rejet implicite né le 12 sept. 2026.',
    );
  });
});
