/**
 * The certificates a signature's chain must reach to be trusted: every certificate of the PEM
 * files in Relais's `resources/trust/` and in the case file's `<dataDir>/trust/`. A folder that
 * does not exist holds none; a file that holds no readable certificate is refused by name, so a
 * badly copied anchor is not silently ignored.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../../../../shared/errors';
import { resourcesDir } from '../../reference/paths';
import { parseCertificate } from './certificates';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/** The anchors of Relais itself and, when given, of a case file. */
export function trustAnchorFolders(dataDir?: string): string[] {
  return [path.join(resourcesDir(), 'trust'), ...(dataDir ? [path.join(dataDir, 'trust')] : [])];
}

export function readTrustAnchors(folders: readonly string[]): Uint8Array[] {
  return folders.flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.toLowerCase().endsWith('.pem'))
          .sort()
          .flatMap((name) => readPemCertificates(path.join(folder, name)))
      : [],
  );
}

/** The DER of every certificate in a PEM file. */
export function readPemCertificates(file: string): Uint8Array[] {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    throw new RelaisError('verification_trust_unreadable', { name: file });
  }
  const certificates = [...text.matchAll(PEM_CERTIFICATE)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
  if (certificates.length === 0 || !certificates.every((der) => parseCertificate(der) !== null)) throw new RelaisError('verification_trust_unreadable', { name: file });
  return certificates;
}
