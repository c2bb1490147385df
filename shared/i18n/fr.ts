/** French, the reference language: every key here must exist in en.ts (a test checks it). */
export const fr = {
  errors: {
    invalid_arguments: 'Les données envoyées ne sont pas valides : {{details}}.',
    unknown_channel: "L'opération « {{channel}} » n'existe pas.",
    not_found: "L'élément demandé ({{what}}) est introuvable : il a peut-être été supprimé. Revenez à la liste.",
    case_file_corrupt:
      "Le fichier {{path}} n'est pas un dossier de travail Relais lisible. Il n'a pas été modifié ; choisissez un autre fichier ou restaurez une sauvegarde.",
    case_file_too_new:
      'Ce dossier de travail vient d’une version plus récente de Relais (schéma {{found}}, cette version connaît le schéma {{known}}). Il n’a pas été modifié : mettez Relais à jour pour l’ouvrir.',
    case_file_exists:
      'Le dossier {{path}} contient déjà un dossier de travail. Il n’a pas été modifié ; ajoutez --force pour le remplacer.',
    case_file_missing: 'Aucun dossier de travail dans {{path}}. Créez-en un avec « relais demo --data {{path}} ».',
    piece_unreadable: 'La pièce « {{name}} » est illisible ou endommagée. Le reste du dossier reste consultable.',
    unauthorized: 'Accès refusé : la session a expiré. Relancez Relais.',
    internal: 'Une erreur inattendue est survenue ({{message}}). Rien n’a été perdu ; réessayez.',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof fr>;
