import { describe, expect, it } from 'vitest';
import { territoryTables } from '../../electron/core/reference/territories';
import { relaisDossierId, relaisPieceId } from '../../server/ds/ids';
import { dossierFiles, DsDossierError, mapDossier, nafWithDot, type MapContext } from '../../server/ds/import/map-dossier';
import { defaultMapping } from '../../server/ds/mapping';
import { DossierAnswer, type DsDossier } from '../../server/ds/operations/import';

const mapping = defaultMapping();
const NUMBER = 18_420_007;

const file = (filename: string, checksum: string, contentType = 'application/pdf') => ({
  filename,
  contentType,
  byteSizeBigInt: '2048',
  checksum,
  url: `https://static.demarches-simplifiees.fr/${checksum}`,
});

const champ = (typename: string, descriptor: string, label: string, stringValue: string | null, extra: Record<string, unknown> = {}) => ({
  __typename: typename,
  id: `Q2hhbXAt${descriptor}`,
  champDescriptorId: descriptor,
  label,
  stringValue,
  ...extra,
});

/** DS's answer to `dossier(number)` for a company of Montbéliard, as the API writes it. */
function dsAnswer(): unknown {
  return {
    dossier: {
      id: 'RG9zc2llci0xODQyMDAwNw==',
      number: NUMBER,
      state: 'en_construction',
      dateDepot: '2026-03-02T10:15:00+01:00',
      dateDerniereModification: '2026-03-05T09:00:00+01:00',
      dateDerniereModificationChamps: '2026-03-04T18:30:00+01:00',
      datePrevisionnelleDecisionSVASVR: '2026-05-02',
      labels: [{ id: 'TGFiZWwtMQ==', name: 'Prioritaire' }],
      demarche: { number: 4242 },
      demandeur: {
        __typename: 'PersonneMorale',
        siret: '55210055400013',
        naf: '2562B',
        libelleNaf: 'Mécanique industrielle',
        entreprise: { siren: '552100554', raisonSociale: 'Forges de Montbéliard' },
        address: { label: '12 rue des Forges 25200 Montbéliard', streetAddress: '12 rue des Forges', postalCode: '25200', cityCode: '25388', cityName: 'Montbéliard' },
      },
      champs: [
        champ('TextChamp', 'c0', 'Référence interne', 'FM-2026-01'),
        champ('HeaderSectionChamp', 'h1', 'Le projet', null),
        champ('TextChamp', 'c1', 'Intitulé du projet', 'Four électrique à induction'),
        champ('TextareaChamp', 'c2', 'Description synthétique', 'Remplacer le four à gaz.'),
        champ('DropDownListChamp', 'c3', 'Volet de l’appel à projets', 'Volet 1 — Décarbonation des procédés industriels', { choice: 'Volet 1 — Décarbonation des procédés industriels' }),
        champ('TextChamp', 'c4', 'Chaîne de valeur', 'Métallurgie'),
        champ('CommuneChamp', 'c5', 'Commune du site', 'Montbéliard (25200)', { commune: { code: '25388', name: 'Montbéliard', postalCode: '25200' } }),
        champ('DateChamp', 'c6', 'Date prévisionnelle de début des travaux', '1 septembre 2026', { date: '2026-09-01' }),
        champ('DateChamp', 'c7', 'Date prévisionnelle de fin des travaux', '30 juin 2027', { date: '2027-06-30' }),
        champ('DropDownListChamp', 'c8', 'Taille de l’entreprise', 'Moyenne entreprise', { choice: 'Moyenne entreprise' }),
        champ('TextChamp', 'c9', 'Commentaire', ''),
        champ('HeaderSectionChamp', 'h2', 'Financement', null),
        champ('RepetitionChamp', 'r1', 'Dépenses du projet', null, {
          rows: [
            {
              id: 'row-1',
              champs: [
                champ('TextChamp', 'r1a', 'Nature de la dépense', 'Four à induction'),
                champ('DecimalNumberChamp', 'r1b', 'Montant HT (€)', '120000.5', { decimalValue: 120000.5 }),
                champ('CheckboxChamp', 'r1c', 'Dépense éligible', 'true', { checked: true }),
              ],
            },
            {
              id: 'row-2',
              champs: [
                champ('TextChamp', 'r1a', 'Nature de la dépense', 'Réception'),
                champ('IntegerNumberChamp', 'r1b', 'Montant HT (€)', '3000', { integerValue: '3000' }),
                champ('CheckboxChamp', 'r1c', 'Dépense éligible', 'false', { checked: false }),
              ],
            },
          ],
        }),
        champ('RepetitionChamp', 'r2', 'Plan de financement', null, {
          rows: [
            {
              id: 'row-3',
              champs: [
                champ('TextChamp', 'r2a', 'Financeur', 'Banque des territoires'),
                champ('DropDownListChamp', 'r2b', 'Nature du financement', 'Emprunt', { choice: 'Emprunt' }),
                champ('TextChamp', 'r2c', 'Montant (€)', '50 000,00 €'),
              ],
            },
          ],
        }),
        champ('DecimalNumberChamp', 'c10', 'Montant de l’aide sollicitée (€)', '36000', { decimalValue: 36000 }),
        champ('HeaderSectionChamp', 'h3', 'Pièces', null),
        champ('PieceJustificativeChamp', 'p1', 'Devis', 'devis.pdf', { files: [file('devis.pdf', 'q1w2e3r4t5y6u7i8o9p0aa==')] }),
        champ('PieceJustificativeChamp', 'p2', 'Annexe libre', 'photo.jpg', { files: [file('photo.jpg', 'zxcvbnmasdfghjklqwerty==', 'image/jpeg')] }),
      ],
      messages: [
        { id: 'TWVzc2FnZS0x', email: 'contact@forges.example', body: 'Voici le Kbis demandé.', createdAt: '2026-03-03T08:00:00+01:00', discardedAt: null, attachments: [file('kbis.pdf', 'kbiskbiskbiskbiskbisAA==')] },
        { id: 'TWVzc2FnZS0y', email: 'contact@forges.example', body: 'Message retiré', createdAt: '2026-03-03T09:00:00+01:00', discardedAt: '2026-03-03T09:05:00+01:00', attachments: [] },
      ],
      avis: [
        {
          id: 'QXZpcy0x',
          question: 'Le procédé est-il éligible ?',
          dateQuestion: '2026-03-04T10:00:00+01:00',
          dateReponse: null,
          reponse: null,
          expert: { email: 'expert@ademe.example' },
          attachments: [],
        },
      ],
    },
  };
}

function dossier(change: (answer: { dossier: Record<string, unknown> }) => void = () => {}): DsDossier {
  const answer = dsAnswer() as { dossier: Record<string, unknown> };
  change(answer);
  return DossierAnswer.parse(answer).dossier;
}

function context(ds: DsDossier, hub: MapContext['hub'] = { assignedInstructor: null, arDate: null }): MapContext {
  const files = new Map(dossierFiles(ds, mapping).map(({ pieceId }, i) => [pieceId, { sha256: String(i).repeat(64), size: 2000 + i }]));
  return { mapping, territories: territoryTables(), files, hub };
}

function champsOf(answer: { dossier: Record<string, unknown> }): ReturnType<typeof champ>[] {
  return answer.dossier.champs as ReturnType<typeof champ>[];
}

describe('mapDossier', () => {
  it('reads the company, the project, its territory and its amounts in cents through the mapping', () => {
    const ds = dossier();
    const mapped = mapDossier(ds, context(ds));
    expect(mapped.id).toBe(relaisDossierId(NUMBER));
    expect(mapped.number).toBe(NUMBER);
    expect(mapped.state).toBe('en_construction');
    expect(mapped.demandeur).toEqual({
      siret: '55210055400013',
      siren: '552100554',
      raisonSociale: 'Forges de Montbéliard',
      nafCode: '25.62B',
      nafLabel: 'Mécanique industrielle',
      size: 'moyenne',
      address: { line: '12 rue des Forges', postalCode: '25200', communeInsee: '25388', communeName: 'Montbéliard' },
    });
    expect(mapped.projet).toEqual({
      title: 'Four électrique à induction',
      summary: 'Remplacer le four à gaz.',
      volet: 1,
      valueChain: 'Métallurgie',
      siteCommuneInsee: '25388',
      siteCommuneName: 'Montbéliard',
      territoryId: 'ti-2708',
      territoryName: 'Nord Franche-Comté',
      regionCode: '27',
      regionName: 'Bourgogne-Franche-Comté',
      plannedStart: '2026-09-01',
      plannedEnd: '2027-06-30',
    });
    expect(mapped.finance).toEqual({
      costLines: [
        { label: 'Four à induction', amountCents: 12_000_050, eligible: true },
        { label: 'Réception', amountCents: 300_000, eligible: false },
      ],
      eligibleBaseCents: 12_000_050,
      financingPlan: [{ funder: 'Banque des territoires', kind: 'emprunt', amountCents: 5_000_000 }],
      amountRequestedCents: 3_600_000,
    });
  });

  it('gives DS dates in UTC, the SVA/SVR date, the labels and the modification date', () => {
    const ds = dossier();
    const mapped = mapDossier(ds, context(ds));
    expect(mapped.dates).toEqual({ receivedAt: '2026-03-02T09:15:00.000Z', arDate: null, admissibilityNotifiedOn: null, svaSvrDecisionOn: '2026-05-02' });
    expect(mapped.updatedAt).toBe('2026-03-05T08:00:00.000Z');
    expect(mapped.labels).toEqual(['Prioritaire']);
  });

  it("keeps the hub's assignment and AR date, which DS does not carry", () => {
    const ds = dossier();
    const hub = { assignedInstructor: { email: 'ines@region.example', name: 'Inès' }, arDate: '2026-03-06' };
    const mapped = mapDossier(ds, context(ds, hub));
    expect(mapped.assignedInstructor).toEqual(hub.assignedInstructor);
    expect(mapped.dates.arDate).toBe('2026-03-06');
  });

  it('lists every filled champ under the header section before it, repetition rows numbered', () => {
    const ds = dossier();
    const { champs } = mapDossier(ds, context(ds));
    expect(champs[0]).toEqual({ section: 'Formulaire', label: 'Référence interne', value: 'FM-2026-01' });
    expect(champs).toContainEqual({ section: 'Le projet', label: 'Intitulé du projet', value: 'Four électrique à induction' });
    expect(champs).toContainEqual({ section: 'Financement', label: 'Dépenses du projet n° 2 — Nature de la dépense', value: 'Réception' });
    expect(champs).toContainEqual({ section: 'Pièces', label: 'Devis', value: 'devis.pdf' });
    expect(champs.some((entry) => entry.label === 'Commentaire')).toBe(false);
    expect(champs.some((entry) => entry.label === 'Le projet')).toBe(false);
  });

  it("makes pieces of the champs' files (kind by the mapping, else autre) and of the messages' attachments", () => {
    const ds = dossier();
    const { pieces } = mapDossier(ds, context(ds));
    expect(pieces.map(({ id, name, kind, mimeType }) => ({ id, name, kind, mimeType }))).toEqual([
      { id: relaisPieceId(NUMBER, 'champ:p1', 'q1w2e3r4t5y6u7i8o9p0aa==', 'devis.pdf'), name: 'devis.pdf', kind: 'devis', mimeType: 'application/pdf' },
      { id: relaisPieceId(NUMBER, 'champ:p2', 'zxcvbnmasdfghjklqwerty==', 'photo.jpg'), name: 'photo.jpg', kind: 'autre', mimeType: 'image/jpeg' },
      { id: relaisPieceId(NUMBER, 'message:TWVzc2FnZS0x', 'kbiskbiskbiskbiskbisAA==', 'kbis.pdf'), name: 'kbis.pdf', kind: 'autre', mimeType: 'application/pdf' },
    ]);
    expect(pieces[0]!.sha256).toBe('0'.repeat(64));
    expect(pieces[0]!.sizeBytes).toBe(2000);
  });

  it('carries the messages (not the withdrawn one) and the avis', () => {
    const ds = dossier();
    const { exchanges } = mapDossier(ds, context(ds));
    expect(exchanges).toEqual({
      messages: [{ id: 'TWVzc2FnZS0x', at: '2026-03-03T07:00:00.000Z', from: 'contact@forges.example', body: 'Voici le Kbis demandé.', attachments: ['kbis.pdf'] }],
      avis: [{ id: 'QXZpcy0x', askedAt: '2026-03-04T09:00:00.000Z', answeredAt: null, expert: 'expert@ademe.example', question: 'Le procédé est-il éligible ?', answer: null, attachments: [] }],
    });
  });

  it('names a site commune in no territory in a sentence', () => {
    const ds = dossier((answer) => {
      const site = champsOf(answer).find((entry) => entry.label === 'Commune du site')!;
      Object.assign(site, { commune: { code: '75056', name: 'Paris', postalCode: '75001' } });
    });
    expect(() => mapDossier(ds, context(ds))).toThrow(new DsDossierError(NUMBER, "the site's commune Paris (75056) is in no Territoire d'industrie, so no region can instruct it."));
  });

  it('names a missing champ, an unknown option and an empty required champ', () => {
    const without = dossier((answer) => {
      answer.dossier.champs = champsOf(answer).filter((entry) => entry.label !== 'Intitulé du projet');
    });
    expect(() => mapDossier(without, context(without))).toThrow('Dossier 18420007: the form has no champ « Intitulé du projet », which the mapping names.');
    const unknown = dossier((answer) => {
      Object.assign(champsOf(answer).find((entry) => entry.label === 'Taille de l’entreprise')!, { choice: 'Microentreprise' });
    });
    expect(() => mapDossier(unknown, context(unknown))).toThrow('« Microentreprise » in the champ « Taille de l’entreprise » is not a company size the mapping knows.');
    const empty = dossier((answer) => {
      Object.assign(champsOf(answer).find((entry) => entry.label === 'Intitulé du projet')!, { stringValue: '  ' });
    });
    expect(() => mapDossier(empty, context(empty))).toThrow('the champ « Intitulé du projet » is empty.');
  });

  it('refuses an applicant who is not a company, and a file not downloaded', () => {
    const person = dossier((answer) => {
      answer.dossier.demandeur = { __typename: 'PersonnePhysique' };
    });
    expect(() => mapDossier(person, context(person))).toThrow('the applicant is not a company with a SIRET (PersonneMorale), as Relais expects.');
    const ds = dossier();
    expect(() => mapDossier(ds, { ...context(ds), files: new Map() })).toThrow('the file « devis.pdf » was not downloaded.');
  });

  it('finds champs by descriptor id as well as by label', () => {
    const ds = dossier();
    const byId = { ...mapping, champs: { ...mapping.champs, projetTitle: 'id:c1' } };
    expect(mapDossier(ds, { ...context(ds), mapping: byId }).projet.title).toBe('Four électrique à induction');
  });
});

describe('nafWithDot', () => {
  it('writes the NAF code as INSEE does', () => {
    expect(nafWithDot('2562B')).toBe('25.62B');
    expect(nafWithDot('25.62b')).toBe('25.62B');
    expect(nafWithDot('256')).toBeNull();
  });
});
