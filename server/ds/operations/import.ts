/**
 * What the import asks DS (resources/ds/schema.graphql) and the shape it expects back. A dossier
 * is read whole (champs with their repetition rows and files, demandeur, labels, messages, avis)
 * by the page query and by `dossier(number)` alike, so both give the same DsDossier.
 * Champ values of different types share the name `value` in the schema: each gets its own alias.
 */
import { z } from 'zod';
import type { DsOperation } from '../client';

const FILE_FIELDS = 'filename contentType byteSizeBigInt checksum url';

const CHAMP_FIELDS = `fragment ChampFields on Champ {
  __typename id champDescriptorId label stringValue
  ... on DateChamp { date }
  ... on DecimalNumberChamp { decimalValue: value }
  ... on IntegerNumberChamp { integerValue: value }
  ... on CheckboxChamp { checked: value }
  ... on YesNoChamp { yesNo: value }
  ... on DropDownListChamp { choice: value }
  ... on CommuneChamp { commune { code name postalCode } }
  ... on PieceJustificativeChamp { files { ${FILE_FIELDS} } }
}`;

const DOSSIER_FIELDS = `fragment DossierFields on Dossier {
  id number demarche { number } state dateDepot dateDerniereModification dateDerniereModificationChamps datePrevisionnelleDecisionSVASVR
  labels { id name }
  demandeur {
    __typename
    ... on PersonneMorale {
      siret naf libelleNaf
      entreprise { siren raisonSociale }
      address { label streetAddress postalCode cityCode cityName }
    }
  }
  champs { ...ChampFields ... on RepetitionChamp { rows { id champs { ...ChampFields } } } }
  messages { id email body createdAt discardedAt attachments { ${FILE_FIELDS} } }
  avis { id question dateQuestion dateReponse reponse expert { email } attachments { ${FILE_FIELDS} } }
}
${CHAMP_FIELDS}`;

export const DS_PAGE_SIZE = 100;

export const demarcheDossiersOperation: DsOperation = {
  name: 'RelaisDemarcheDossiers',
  kind: 'query',
  document: `query RelaisDemarcheDossiers($demarche: Int!, $updatedSince: ISO8601DateTime, $after: String, $first: Int!) {
  demarche(number: $demarche) {
    dossiers(updatedSince: $updatedSince, after: $after, first: $first) {
      pageInfo { endCursor hasNextPage }
      nodes { ...DossierFields }
    }
  }
}
${DOSSIER_FIELDS}`,
};

/** The same list as the page query, numbers only: names the dossiers DS failed to give in a page. */
export const demarcheDossierNumbersOperation: DsOperation = {
  name: 'RelaisDemarcheDossierNumbers',
  kind: 'query',
  document: `query RelaisDemarcheDossierNumbers($demarche: Int!, $updatedSince: ISO8601DateTime, $after: String, $first: Int!) {
  demarche(number: $demarche) {
    dossiers(updatedSince: $updatedSince, after: $after, first: $first) {
      nodes { number }
    }
  }
}`,
};

export const dossierOperation: DsOperation = {
  name: 'RelaisDossier',
  kind: 'query',
  document: `query RelaisDossier($number: Int!) {
  dossier(number: $number) { ...DossierFields }
}
${DOSSIER_FIELDS}`,
};

export const deletedDossiersOperation: DsOperation = {
  name: 'RelaisDeletedDossiers',
  kind: 'query',
  document: `query RelaisDeletedDossiers($demarche: Int!, $deletedSince: ISO8601DateTime, $after: String, $first: Int!) {
  demarche(number: $demarche) {
    deletedDossiers(deletedSince: $deletedSince, after: $after, first: $first) {
      pageInfo { endCursor hasNextPage }
      nodes { number dateSupression }
    }
  }
}`,
};

/** Numbers and labels only: labels change on DS without touching a dossier's modification date. */
export const dossierLabelsOperation: DsOperation = {
  name: 'RelaisDossierLabels',
  kind: 'query',
  document: `query RelaisDossierLabels($demarche: Int!, $after: String, $first: Int!) {
  demarche(number: $demarche) {
    dossiers(after: $after, first: $first) {
      pageInfo { endCursor hasNextPage }
      nodes { number labels { name } }
    }
  }
}`,
};

export const DsFile = z.object({
  filename: z.string(),
  contentType: z.string(),
  byteSizeBigInt: z.union([z.string(), z.number()]).transform(Number),
  checksum: z.string(),
  url: z.string(),
});
export type DsFile = z.infer<typeof DsFile>;

const ChampBase = {
  __typename: z.string(),
  id: z.string(),
  champDescriptorId: z.string(),
  label: z.string(),
  stringValue: z.string().nullish(),
  date: z.string().nullish(),
  decimalValue: z.number().nullish(),
  integerValue: z.union([z.string(), z.number()]).nullish(),
  checked: z.boolean().nullish(),
  yesNo: z.boolean().nullish(),
  choice: z.string().nullish(),
  commune: z.object({ code: z.string(), name: z.string(), postalCode: z.string().nullish() }).nullish(),
  files: z.array(DsFile).optional(),
};

export const DsLeafChamp = z.object(ChampBase);
export type DsLeafChamp = z.infer<typeof DsLeafChamp>;

export const DsChamp = z.object({ ...ChampBase, rows: z.array(z.object({ id: z.string(), champs: z.array(DsLeafChamp) })).optional() });
export type DsChamp = z.infer<typeof DsChamp>;

export const DsDossier = z.object({
  id: z.string(),
  number: z.number().int(),
  demarche: z.object({ number: z.number().int() }),
  state: z.enum(['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']),
  dateDepot: z.string(),
  dateDerniereModification: z.string(),
  dateDerniereModificationChamps: z.string(),
  datePrevisionnelleDecisionSVASVR: z.string().nullish(),
  labels: z.array(z.object({ id: z.string(), name: z.string() })),
  demandeur: z.object({
    __typename: z.string(),
    siret: z.string().optional(),
    naf: z.string().nullish(),
    libelleNaf: z.string().optional(),
    entreprise: z.object({ siren: z.string(), raisonSociale: z.string() }).nullish(),
    address: z
      .object({ label: z.string(), streetAddress: z.string().nullish(), postalCode: z.string(), cityCode: z.string(), cityName: z.string() })
      .optional(),
  }),
  champs: z.array(DsChamp),
  messages: z.array(
    z.object({ id: z.string(), email: z.string(), body: z.string(), createdAt: z.string(), discardedAt: z.string().nullish(), attachments: z.array(DsFile) }),
  ),
  avis: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      dateQuestion: z.string(),
      dateReponse: z.string().nullish(),
      reponse: z.string().nullish(),
      expert: z.object({ email: z.string() }).nullish(),
      attachments: z.array(DsFile),
    }),
  ),
});
export type DsDossier = z.infer<typeof DsDossier>;

const PageInfo = z.object({ endCursor: z.string().nullish(), hasNextPage: z.boolean() });

/** A dossier DS fails to give comes as null beside an error naming its place in the page. */
export const DemarcheDossiersAnswer = z.object({
  demarche: z.object({ dossiers: z.object({ pageInfo: PageInfo, nodes: z.array(DsDossier.nullable()) }) }),
});

export const DemarcheDossierNumbersAnswer = z.object({
  demarche: z.object({ dossiers: z.object({ nodes: z.array(z.object({ number: z.number().int() }).nullable()) }) }),
});

export const DossierAnswer = z.object({ dossier: DsDossier });

export const DeletedDossiersAnswer = z.object({
  demarche: z.object({
    deletedDossiers: z.object({ pageInfo: PageInfo, nodes: z.array(z.object({ number: z.number().int(), dateSupression: z.string() })) }),
  }),
});

export const DossierLabelsAnswer = z.object({
  demarche: z.object({
    dossiers: z.object({ pageInfo: PageInfo, nodes: z.array(z.object({ number: z.number().int(), labels: z.array(z.object({ name: z.string() })) })) }),
  }),
});
export type DeletedDossiersAnswer = z.infer<typeof DeletedDossiersAnswer>;
export type DossierLabelsAnswer = z.infer<typeof DossierLabelsAnswer>;
