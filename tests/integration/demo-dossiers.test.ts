import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, buildDossier, type PoolPiece } from '../../electron/core/demo/dossier-factory';
import { POOL_SIZES } from '../../electron/core/demo/piece-pool';
import { Random } from '../../electron/core/demo/random';
import { seededTime } from '../../electron/core/demo/seeded-time';
import { THEMES } from '../../electron/core/demo/themes';
import { territoryTables } from '../../electron/core/reference/territories';
import { parisDate } from '../../shared/domain/dates';
import { DOSSIER_STATES, DossierImport, type PieceKind } from '../../shared/domain/dossier';
import { isValidSiren, isValidSiret } from '../../shared/domain/siret';
import { territoryOfCommune } from '../../shared/domain/territory';

const NOW = new Date('2026-11-20T09:00:00.000Z');

function fakePool(): PoolPiece[] {
  const pieces: PoolPiece[] = [];
  for (const [kind, count] of Object.entries(POOL_SIZES) as Array<[PieceKind, number]>) {
    for (let i = 0; i < count; i++) {
      const themed = kind === 'devis' || kind === 'dossier_technique';
      pieces.push({
        sha256: createHash('sha256').update(`${kind}${i}`).digest('hex'),
        sizeBytes: 1000 + i,
        name: `${kind} ${i}.pdf`,
        kind,
        mimeType: 'application/pdf',
        themeId: themed ? THEMES[i % THEMES.length]!.id : null,
      });
    }
  }
  const damaged = (name: string, kind: PieceKind): PoolPiece => ({ ...pieces[0]!, sha256: createHash('sha256').update(name).digest('hex'), name, kind, themeId: null });
  return [...pieces, damaged('tronqué.pdf', 'devis'), damaged('pas un pdf.pdf', 'autre')];
}

function generate(seed: number, count: number): DossierImport[] {
  const random = new Random(seed);
  const catalogue = buildCatalogue(fakePool(), 2, random.fork(), NOW);
  const time = seededTime(NOW, random.fork());
  return Array.from({ length: count }, (_, i) => buildDossier(random, catalogue, { number: 18_420_000 + i * 3, ordinal: i + 1 }, time.newId));
}

const dossiers = generate(11, 3000);

describe('demo dossiers', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(JSON.stringify(generate(11, 50))).toBe(JSON.stringify(dossiers.slice(0, 50)));
    expect(generate(12, 5).map((d) => d.demandeur.siret)).not.toEqual(dossiers.slice(0, 5).map((d) => d.demandeur.siret));
  });

  it('all pass the schema, with valid and consistent SIRET and SIREN', () => {
    for (const dossier of dossiers) {
      expect(DossierImport.safeParse(dossier).success).toBe(true);
      expect(isValidSiret(dossier.demandeur.siret)).toBe(true);
      expect(isValidSiren(dossier.demandeur.siren)).toBe(true);
      expect(dossier.demandeur.siret.startsWith(dossier.demandeur.siren)).toBe(true);
    }
    expect(new Set(dossiers.map((d) => d.id)).size).toBe(dossiers.length);
  });

  it('place each site in its real territory and region, with industrial NAF codes', () => {
    const tables = territoryTables();
    for (const { projet, demandeur } of dossiers) {
      expect(territoryOfCommune(tables, projet.siteCommuneInsee)).toEqual({
        territoryId: projet.territoryId,
        territoryName: projet.territoryName,
        regionCode: projet.regionCode,
        regionName: projet.regionName,
      });
      expect(tables.communes.get(projet.siteCommuneInsee)?.name).toBe(projet.siteCommuneName);
      const division = Number(demandeur.nafCode.slice(0, 2));
      expect(division >= 10 && division <= 39 && division !== 34).toBe(true);
    }
    expect(new Set(dossiers.map((d) => d.projet.territoryId)).size).toBeGreaterThan(150);
  });

  it('spread over the five states, the three volets and most regions', () => {
    expect(new Set(dossiers.map((d) => d.state))).toEqual(new Set(DOSSIER_STATES));
    expect(new Set(dossiers.map((d) => d.projet.volet))).toEqual(new Set([1, 2, 3]));
    expect(new Set(dossiers.map((d) => d.projet.regionCode)).size).toBe(18);
  });

  it('have budgets that add up and requests of 10 to 40 % of the eligible base', () => {
    for (const { finance } of dossiers) {
      const total = finance.costLines.reduce((sum, line) => sum + line.amountCents, 0);
      const eligible = finance.costLines.filter((line) => line.eligible).reduce((sum, line) => sum + line.amountCents, 0);
      expect(finance.eligibleBaseCents).toBe(eligible);
      expect(finance.amountRequestedCents).toBeGreaterThanOrEqual(Math.floor(eligible * 0.1) - 10_000);
      expect(finance.amountRequestedCents).toBeLessThanOrEqual(eligible * 0.4);
      const plan = finance.financingPlan.reduce((sum, source) => sum + source.amountCents, 0);
      expect(plan + finance.amountRequestedCents).toBe(total);
      const otherAid = finance.financingPlan.filter((s) => s.kind === 'aide_publique').reduce((sum, s) => sum + s.amountCents, 0);
      expect(otherAid + finance.amountRequestedCents).toBeLessThanOrEqual(eligible);
    }
  });

  it('have procedure dates in order, all before the demo’s now', () => {
    const today = parisDate(NOW);
    for (const { dates, state, updatedAt, projet } of dossiers) {
      const received = parisDate(dates.receivedAt);
      expect(received >= '2024-01-01' && dates.receivedAt < NOW.toISOString()).toBe(true);
      if (dates.arDate) expect(dates.arDate > received && dates.arDate <= today).toBe(true);
      if (dates.admissibilityNotifiedOn) {
        expect(dates.arDate).not.toBeNull();
        expect(dates.admissibilityNotifiedOn > dates.arDate! && dates.admissibilityNotifiedOn <= today).toBe(true);
      }
      if (state === 'en_construction') expect(dates.admissibilityNotifiedOn).toBeNull();
      expect(updatedAt >= dates.receivedAt && updatedAt <= NOW.toISOString()).toBe(true);
      expect(projet.plannedStart > received && projet.plannedEnd > projet.plannedStart).toBe(true);
    }
    const acknowledged = dossiers.filter((d) => d.dates.arDate).length;
    expect(acknowledged / dossiers.length).toBeGreaterThan(0.85);
    expect(dossiers.some((d) => d.dates.admissibilityNotifiedOn)).toBe(true);
  });

  it('have 15 to 30 form fields in DS sections, 2 to 5 pieces, mostly an instructor, never followed', () => {
    for (const dossier of dossiers) {
      expect(dossier.champs.length).toBeGreaterThanOrEqual(15);
      expect(dossier.champs.length).toBeLessThanOrEqual(30);
      expect(dossier.champs.find((c) => c.label === 'Numéro SIRET')?.value).toBe(dossier.demandeur.siret);
      expect(dossier.pieces.length).toBeGreaterThanOrEqual(2);
      expect(dossier.pieces.length).toBeLessThanOrEqual(5);
      expect(dossier.pieces.some((p) => p.kind === 'devis')).toBe(true);
      expect('followed' in dossier).toBe(false);
    }
    expect(new Set(dossiers.flatMap((d) => d.champs.map((c) => c.section))).size).toBe(6);
    const assigned = dossiers.filter((d) => d.assignedInstructor).length / dossiers.length;
    expect(assigned).toBeGreaterThan(0.75);
    expect(dossiers.some((d) => d.labels.length > 0)).toBe(true);
  });

  it('give the 2nd and 3rd dossier the damaged uploads', () => {
    expect(dossiers[1]!.pieces.map((p) => p.name)).toContain('tronqué.pdf');
    expect(dossiers[2]!.pieces.map((p) => p.name)).toContain('pas un pdf.pdf');
  });
});
