import type { Messages } from './fr';

export const en: Messages = {
  errors: {
    invalid_arguments: 'The data sent is not valid: {{details}}.',
    unknown_channel: 'The operation “{{channel}}” does not exist.',
    not_found: 'The requested item ({{what}}) cannot be found: it may have been removed. Go back to the list.',
    case_file_corrupt:
      'The file {{path}} is not a readable Relais case file. It was not modified; choose another file or restore a backup.',
    case_file_too_new:
      'This case file comes from a newer version of Relais (schema {{found}}; this version knows schema {{known}}). It was not modified: update Relais to open it.',
    case_file_exists: 'The folder {{path}} already holds a case file. It was not modified; add --force to replace it.',
    case_file_missing: 'No case file in {{path}}. Create one with “relais demo --data {{path}}”.',
    piece_unreadable: 'The piece “{{name}}” is unreadable or damaged. The rest of the dossier can still be read.',
    unauthorized: 'Access denied: the session has expired. Restart Relais.',
    internal: 'An unexpected error occurred ({{message}}). Nothing was lost; try again.',
  },
};
