/** Names of synced changes, of the fields they touch and of their values' parts, from the `sync.*` catalogue. */
import type { i18n as I18n } from 'i18next';

type Translate = (key: string, params?: Record<string, string>) => string;

/** The catalogue's text for a key built from a name the hub or a newer desk sent, if it has one. */
function lookup(i18n: I18n, key: string): string | null {
  // Keys built at run time: beyond what the typed `t` can check.
  return i18n.exists(key) ? (i18n.t.bind(i18n) as unknown as Translate)(key) : null;
}

/** 'decision.propose' → « Proposition d’une décision »; an unknown name is shown as it is. */
export function mutationLabel(i18n: I18n, name: string): string {
  return lookup(i18n, `sync.mutations.${name}`) ?? i18n.t('sync.mutations.other', { name });
}

/**
 * The field a conflict is about: `sync.fields.<entity>.<field>`, where a field named with a
 * qualifier (`label/<label>`) is labelled by its first part.
 */
export function fieldLabel(i18n: I18n, entity: string, field: string | null, key: string): string {
  const name = field?.split('/')[0];
  return (name && lookup(i18n, `sync.fields.${entity}.${name}`)) || i18n.t('sync.fields.other', { key });
}

/** What follows the field's name in a qualified field (`label/urgent` → `urgent`), if anything. */
export function fieldQualifier(field: string | null): string | null {
  const slash = field?.indexOf('/') ?? -1;
  return field && slash >= 0 ? field.slice(slash + 1) : null;
}

/** The name of a part of a recorded value (`comment`, `amountCents`…), or the part's own name. */
export function valueKeyLabel(i18n: I18n, name: string): string {
  return lookup(i18n, `sync.valueKeys.${name}`) ?? name;
}
