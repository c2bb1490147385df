/**
 * What the connector asks DS about a démarche itself (resources/ds/schema.graphql): its groupes
 * instructeurs (who may act on its dossiers), and its active revision's champ and annotation
 * descriptors with its labels and instructeurs (what `relais hub ds check` compares the
 * configuration with).
 */
import { z } from 'zod';
import type { DsOperation } from '../client';

export const demarcheInstructeursOperation: DsOperation = {
  name: 'RelaisDemarcheInstructeurs',
  kind: 'query',
  document: `query RelaisDemarcheInstructeurs($demarche: Int!) {
  demarche(number: $demarche) {
    number
    groupeInstructeurs { id number label closed instructeurs { id email } }
  }
}`,
};

export const DemarcheInstructeursAnswer = z.object({
  demarche: z.object({
    number: z.number(),
    groupeInstructeurs: z.array(
      z.object({
        id: z.string(),
        number: z.number(),
        label: z.string(),
        closed: z.boolean(),
        instructeurs: z.array(z.object({ id: z.string(), email: z.string() })),
      }),
    ),
  }),
});

// Fragments cannot recurse: a repetition's columns are spelled out one level down, as DS nests them.
const DESCRIPTOR_FIELDS = `fragment DescriptorFields on ChampDescriptor {
  __typename id label
  ... on DropDownListChampDescriptor { options otherOption }
}`;

export const demarcheDescriptorsOperation: DsOperation = {
  name: 'RelaisDemarcheDescriptors',
  kind: 'query',
  document: `query RelaisDemarcheDescriptors($demarche: Int!) {
  demarche(number: $demarche) {
    id number title state
    activeRevision {
      id
      champDescriptors { ...DescriptorFields ... on RepetitionChampDescriptor { champDescriptors { ...DescriptorFields } } }
      annotationDescriptors { ...DescriptorFields ... on RepetitionChampDescriptor { champDescriptors { ...DescriptorFields } } }
    }
    labels { id name }
    groupeInstructeurs { closed instructeurs { id } }
  }
}
${DESCRIPTOR_FIELDS}`,
};

const Descriptor = z.object({
  __typename: z.string(),
  id: z.string(),
  label: z.string(),
  options: z.array(z.string()).nullish(),
  otherOption: z.boolean().nullish(),
});

export const DsDescriptor = Descriptor.extend({ champDescriptors: z.array(Descriptor).nullish() });
export type DsDescriptor = z.infer<typeof DsDescriptor>;

export const DemarcheDescriptorsAnswer = z.object({
  demarche: z.object({
    id: z.string(),
    number: z.number(),
    title: z.string(),
    state: z.string(),
    activeRevision: z.object({
      id: z.string(),
      champDescriptors: z.array(DsDescriptor),
      annotationDescriptors: z.array(DsDescriptor),
    }),
    labels: z.array(z.object({ id: z.string(), name: z.string() })),
    groupeInstructeurs: z.array(z.object({ closed: z.boolean(), instructeurs: z.array(z.object({ id: z.string() })) })),
  }),
});
export type DemarcheDescriptors = z.infer<typeof DemarcheDescriptorsAnswer>['demarche'];
