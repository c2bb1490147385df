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
    renderer_not_built: 'The Relais interface is not built. Run “npm run build”, then try again.',
  },
  cli: {
    description: 'Relais, the offline instruction desk of the Territoires d’industrie programme.',
    options: { data: 'the folder holding the case file (relais.sqlite)' },
    call: {
      description: 'Calls one operation of the contract and prints its result as JSON.',
      channel: 'the name of the operation, e.g. dossiers.list',
      json: 'its arguments as JSON (default {})',
      list: 'prints every operation with the schema of its arguments',
      missing: 'Give --data and the operation, or --list. Example: relais call --data FOLDER dossiers.list \'{"limit": 5}\'',
      badJson: 'The arguments are not valid JSON ({{message}}). Example: \'{"limit": 5}\'',
    },
    serve: {
      description: 'Opens Relais in the browser: a local server on 127.0.0.1, protected by a token.',
      port: 'the local port (default: any free port)',
      badPort: 'The port must be a number between 0 and 65535.',
    },
    start: {
      description: 'Starts the Electron app, or else opens it in the browser.',
      electronAbsent: 'The Electron program is not installed on this machine: Relais opens in your browser.',
      creatingDemo: 'First start: creating a demo case file in {{path}}…',
    },
  },
};
