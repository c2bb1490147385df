/**
 * Which addresses the app may hand to the system's browser (shell.openExternal): https only, to a
 * short list of public services an instructor needs, never with credentials or an odd port.
 * Everything else is refused: a link in applicant data must not launch a program or a file.
 * No Electron import: the policy is tested under plain Node.
 */

/** Exact host names: a subdomain or a look-alike is not on the list. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'www.demarches-simplifiees.fr',
  'annuaire-entreprises.data.gouv.fr',
  'www.legifrance.gouv.fr',
  'citoyens.telerecours.fr',
  'www.systeme-de-design.gouv.fr',
];

const MAX_URL_LENGTH = 2048;

/** The address to open, normalised by the URL parser, or null when the policy refuses it. */
export function externalLinkFor(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): string | null {
  if (url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  if (!hosts.includes(parsed.hostname)) return null;
  return parsed.href;
}
