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
    renderer_not_built: 'L’interface de Relais n’est pas construite. Lancez « npm run build », puis réessayez.',
  },
  cli: {
    description: 'Relais, le bureau d’instruction hors ligne des Territoires d’industrie.',
    options: { data: 'le répertoire qui contient le dossier de travail (relais.sqlite)' },
    call: {
      description: 'Appelle une opération du contrat et affiche son résultat en JSON.',
      channel: 'le nom de l’opération, par exemple dossiers.list',
      json: 'ses arguments en JSON (par défaut {})',
      list: 'affiche chaque opération avec le schéma de ses arguments',
      missing: 'Indiquez --data et l’opération, ou --list. Exemple : relais call --data RÉPERTOIRE dossiers.list \'{"limit": 5}\'',
      badJson: 'Les arguments ne sont pas du JSON valide ({{message}}). Exemple : \'{"limit": 5}\'',
    },
    serve: {
      description: 'Ouvre Relais dans le navigateur : un serveur local sur 127.0.0.1, protégé par un jeton.',
      port: 'le port local (par défaut, un port libre)',
      badPort: 'Le port doit être un nombre entre 0 et 65535.',
    },
    start: {
      description: 'Lance l’application Electron, ou à défaut l’ouvre dans le navigateur.',
      electronAbsent: 'Le programme Electron n’est pas installé sur cette machine : Relais s’ouvre dans votre navigateur.',
      creatingDemo: 'Premier lancement : création d’un dossier de travail de démonstration dans {{path}}…',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof fr>;
