/**
 * What the push asks DS (resources/ds/schema.graphql): a light read of the dossier (state, the date
 * the applicant last changed champs, labels, messages) to reconcile before and after a change, the
 * démarche's labels and annotation descriptors, and the mutations. Mutations answer DS's payload
 * `errors` ([ValidationError]) beside their result; only those are read back.
 */
import { z } from 'zod';
import type { DsOperation } from '../client';

export const pushDossierOperation: DsOperation = {
  name: 'RelaisPushDossier',
  kind: 'query',
  document: `query RelaisPushDossier($number: Int!) {
  dossier(number: $number) {
    id number state dateDerniereModificationChamps
    demarche { number }
    labels { id name }
    messages { body createdAt email }
  }
}`,
};

export const PushDossierAnswer = z.object({
  dossier: z.object({
    id: z.string(),
    number: z.number().int(),
    state: z.string(),
    dateDerniereModificationChamps: z.string(),
    demarche: z.object({ number: z.number().int() }),
    labels: z.array(z.object({ id: z.string(), name: z.string() })),
    messages: z.array(z.object({ body: z.string(), createdAt: z.string(), email: z.string() })),
  }),
});
export type PushDossier = z.infer<typeof PushDossierAnswer>['dossier'];

export const pushDemarcheOperation: DsOperation = {
  name: 'RelaisPushDemarche',
  kind: 'query',
  document: `query RelaisPushDemarche($demarche: Int!) {
  demarche(number: $demarche) {
    labels { id name }
    activeRevision { annotationDescriptors { id label } }
  }
}`,
};

export const PushDemarcheAnswer = z.object({
  demarche: z.object({
    labels: z.array(z.object({ id: z.string(), name: z.string() })),
    activeRevision: z.object({ annotationDescriptors: z.array(z.object({ id: z.string(), label: z.string() })) }),
  }),
});
export type PushDemarche = z.infer<typeof PushDemarcheAnswer>['demarche'];

const Refusals = z.array(z.object({ message: z.string() })).nullish();

/** A mutation whose payload is read for its `errors` only. */
function mutation(name: string, field: string, input: string): DsOperation {
  return {
    name,
    kind: 'mutation',
    document: `mutation ${name}($input: ${input}!) {
  ${field}(input: $input) { errors { message } }
}`,
  };
}

export const STATE_MUTATIONS = {
  passer_en_instruction: mutation('RelaisPasserEnInstruction', 'dossierPasserEnInstruction', 'DossierPasserEnInstructionInput'),
  repasser_en_construction: mutation('RelaisRepasserEnConstruction', 'dossierRepasserEnConstruction', 'DossierRepasserEnConstructionInput'),
  accepter: mutation('RelaisAccepter', 'dossierAccepter', 'DossierAccepterInput'),
  refuser: mutation('RelaisRefuser', 'dossierRefuser', 'DossierRefuserInput'),
  classer_sans_suite: mutation('RelaisClasserSansSuite', 'dossierClasserSansSuite', 'DossierClasserSansSuiteInput'),
} as const;

export const annotationsMutation = mutation('RelaisModifierAnnotations', 'dossierModifierAnnotations', 'DossierModifierAnnotationsInput');
export const messageMutation = mutation('RelaisEnvoyerMessage', 'dossierEnvoyerMessage', 'DossierEnvoyerMessageInput');
export const labelAddMutation = mutation('RelaisAjouterLabel', 'dossierAjouterLabel', 'DossierAjouterLabelInput');
export const labelRemoveMutation = mutation('RelaisSupprimerLabel', 'dossierSupprimerLabel', 'DossierSupprimerLabelInput');

/** The payload of any of the mutations above, under its field name. */
export const MutationAnswer = z.record(z.string(), z.object({ errors: Refusals }).nullable());

export const createDirectUploadOperation: DsOperation = {
  name: 'RelaisCreateDirectUpload',
  kind: 'mutation',
  document: `mutation RelaisCreateDirectUpload($input: CreateDirectUploadInput!) {
  createDirectUpload(input: $input) { directUpload { url headers blobId signedBlobId } }
}`,
};

export const CreateDirectUploadAnswer = z.object({
  createDirectUpload: z.object({
    directUpload: z.object({ url: z.string(), headers: z.string(), blobId: z.string(), signedBlobId: z.string() }),
  }),
});
