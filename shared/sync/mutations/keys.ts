/** The field and entity keys effects name (see "Key names" in shared/sync/effects.ts). */

/** `<entity>:<id>`: an entity, created once (insert-only) or acted on (ref). */
export const entityKey = (entity: string, id: string): string => `${entity}:${id}`;

/** `<entity>:<id>:<field>`: one versioned field of an entity. */
export const fieldKey = (entity: string, id: string, field: string): string => `${entity}:${id}:${field}`;

/**
 * Every dossier the hub holds is the entity `dossier:<id>`: a change naming a dossier in its
 * arguments refs it, so the hub checks it exists and is the dossier the push declares.
 */
export const dossierRef = (dossierId: string): string => entityKey('dossier', dossierId);
