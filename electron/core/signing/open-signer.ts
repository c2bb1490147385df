/** What a signer is opened from, as the signing dialog and `relais sign` collect it. */
import { openP12Signer } from './p12';
import { openPkcs11Signer } from './pkcs11';
import type { Signer } from './signer';

/** The secret (password, PIN) stays in memory for the time of one opening: never stored, never logged. */
export type SigningCredentials =
  | { kind: 'p12'; p12: Uint8Array; password: string }
  | { kind: 'pkcs11'; modulePath: string; slot: number; pin: string };

/** Opens the signer the credentials name, its certificate checked at `now`; the caller closes it. */
export function openSigner(credentials: SigningCredentials, now: Date): Promise<Signer> {
  if (credentials.kind === 'p12') return openP12Signer(credentials.p12, credentials.password, now);
  return openPkcs11Signer({ modulePath: credentials.modulePath, slot: credentials.slot, pin: credentials.pin, now });
}
