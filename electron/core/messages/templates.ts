/**
 * Loads the message templates (resources/messages/templates.json). A file that breaks the schema,
 * or whose text names a variable that does not exist, is refused with the field at fault.
 */
import path from 'node:path';
import { MessageTemplateFile, unknownVariables, type MessageTemplate, type MessageTemplateId } from '../../../shared/domain/message';
import { RelaisError } from '../../../shared/errors';
import { readJsonResource } from '../reference/json-resource';
import { resourcesDir } from '../reference/paths';

export const TEMPLATES_FILE = path.join('messages', 'templates.json');

export function readMessageTemplates(file: string): MessageTemplateFile {
  const templateFile = readJsonResource(file, MessageTemplateFile, 'message_templates_invalid');
  templateFile.templates.forEach((template, index) => {
    for (const field of ['subject', 'body'] as const) {
      const unknown = unknownVariables(template[field]);
      if (unknown.length > 0) {
        throw new RelaisError('message_templates_invalid', { file, field: `templates.${index}.${field}`, message: `{{${unknown[0]}}}` });
      }
    }
  });
  return templateFile;
}

let cached: MessageTemplateFile | null = null;

/** The templates in force, read once per process. */
export function loadMessageTemplates(): MessageTemplateFile {
  cached ??= readMessageTemplates(path.join(resourcesDir(), TEMPLATES_FILE));
  return cached;
}

export function messageTemplate(id: MessageTemplateId): MessageTemplate {
  const template = loadMessageTemplates().templates.find((candidate) => candidate.id === id);
  if (!template) throw new RelaisError('not_found', { what: `modèle de message ${id}` });
  return template;
}
