/**
 * Keys on PKCS#11 tokens (smart cards, HSMs; SoftHSM2 in tests) as Signers. The private key never
 * leaves the token: the token signs, this module only finds the key and its certificate (same
 * CKA_ID) and shapes the signature for CMS.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { RelaisError } from '../../../shared/errors';
import { checkSigningCertificate, type Signer } from './signer';

export interface Pkcs11Slot {
  slot: number;
  tokenLabel: string;
  serial: string;
  manufacturer: string;
}

export interface Pkcs11SignerOptions {
  /** The PKCS#11 library of the token (e.g. /usr/lib/softhsm/libsofthsm2.so). */
  modulePath: string;
  slot: number;
  pin: string;
  now: Date;
}

/**
 * A library is loaded and initialised once per thread, shared by the listings and signers that
 * use it, and finalised when the last of them is done: a second signer opens on the same
 * initialisation, and a token inserted meanwhile is seen by the next first use. Initialisation is
 * per process while this bookkeeping is per thread (the thread that initialised finalises), so
 * the desk makes every PKCS#11 call in its sign worker (sign-batch-client.ts): a listing there
 * shares the running batch's initialisation instead of finalising it under the batch.
 */
interface LoadedModule {
  pkcs11: pkcs11js.PKCS11;
  users: number;
  /** False when another thread of the process had initialised the library: it finalises it, not us. */
  initialisedHere: boolean;
}

const loadedModules = new Map<string, LoadedModule>();

function acquireModule(modulePath: string): pkcs11js.PKCS11 {
  let loaded = loadedModules.get(modulePath);
  if (!loaded) {
    const pkcs11 = new pkcs11js.PKCS11();
    try {
      pkcs11.load(modulePath);
    } catch {
      throw new RelaisError('pkcs11_module_unavailable', { module: modulePath });
    }
    let initialisedHere = true;
    try {
      pkcs11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (error) {
      if (!hasReturnValue(error, pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
        pkcs11.close();
        throw new RelaisError('pkcs11_module_unavailable', { module: modulePath });
      }
      initialisedHere = false;
    }
    loaded = { pkcs11, users: 0, initialisedHere };
    loadedModules.set(modulePath, loaded);
  }
  loaded.users++;
  return loaded.pkcs11;
}

function releaseModule(modulePath: string): void {
  const loaded = loadedModules.get(modulePath);
  if (!loaded || --loaded.users > 0) return;
  loadedModules.delete(modulePath);
  if (loaded.initialisedHere) loaded.pkcs11.C_Finalize();
  loaded.pkcs11.close();
}

/**
 * A token's login holds for every session the process has with it, so a second signer of an
 * open token logs in without the token checking its PIN. This thread keeps, for each token it is
 * logged in to, a keyed digest of the PIN that opened it (memory only, gone with the last
 * signer) and checks the second PIN against it.
 */
const loggedInTokens = new Map<string, { pinDigest: Buffer; signers: number }>();
const pinDigestKey = randomBytes(32);
const pinDigest = (pin: string) => createHmac('sha256', pinDigestKey).update(pin).digest();
const tokenKey = (modulePath: string, slot: number) => `${slot}@${modulePath}`;

function holdLogin(key: string, pin: string): void {
  const held = loggedInTokens.get(key);
  if (held) held.signers++;
  else loggedInTokens.set(key, { pinDigest: pinDigest(pin), signers: 1 });
}

function releaseLogin(key: string): void {
  const held = loggedInTokens.get(key);
  if (held && --held.signers === 0) loggedInTokens.delete(key);
}

function hasReturnValue(error: unknown, returnValue: number): boolean {
  return error instanceof pkcs11js.Pkcs11Error && error.code === returnValue;
}

/** PKCS#11 strings are fixed-width, padded with blanks. */
const unpad = (text: string) => text.replace(/[\s\0]+$/, '');

/** A slot handle is a CK_ULONG in the platform's byte order (little-endian on the platforms Relais runs on). */
const slotNumber = (handle: pkcs11js.Handle) => Number(handle.length === 8 ? handle.readBigUInt64LE() : handle.readUInt32LE());

/** The slots that hold an initialised token, as the signing dialog offers them (a blank card cannot sign). */
export function listPkcs11Slots(modulePath: string): Pkcs11Slot[] {
  const pkcs11 = acquireModule(modulePath);
  try {
    return pkcs11.C_GetSlotList(true).flatMap((handle) => {
      const token = pkcs11.C_GetTokenInfo(handle);
      if (!(token.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) return [];
      return [{ slot: slotNumber(handle), tokenLabel: unpad(token.label), serial: unpad(token.serialNumber), manufacturer: unpad(token.manufacturerID) }];
    });
  } finally {
    releaseModule(modulePath);
  }
}

/** Logs in to the token in `slot` with `pin` and returns a Signer over its key; `close()` ends the session. */
export async function openPkcs11Signer({ modulePath, slot, pin, now }: Pkcs11SignerOptions): Promise<Signer> {
  const pkcs11 = acquireModule(modulePath);
  let session: pkcs11js.Handle | null = null;
  try {
    const slotHandle = pkcs11.C_GetSlotList(true).find((handle) => slotNumber(handle) === slot);
    if (!slotHandle) throw new RelaisError('token_absent', { slot });
    const token = pkcs11.C_GetTokenInfo(slotHandle);
    const tokenLabel = unpad(token.label);
    // A card whose tries are spent says so before a login is attempted.
    if (token.flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new RelaisError('pin_locked', { token: tokenLabel });
    session = pkcs11.C_OpenSession(slotHandle, pkcs11js.CKF_SERIAL_SESSION);
    const loginKey = tokenKey(modulePath, slot);
    logIn(pkcs11, session, pin, tokenLabel, loggedInTokens.get(loginKey)?.pinDigest);
    const { key, keyAlgorithm, certificates } = signingKeyPair(pkcs11, session, tokenLabel, now);
    holdLogin(loginKey, pin);
    const openSession = session;
    let closed = false;
    return {
      certificates,
      keyAlgorithm,
      sign: async (data) => signOnToken(pkcs11, openSession, key, keyAlgorithm, data),
      close: async () => {
        if (closed) return;
        closed = true;
        // Closing the last session with a token logs the user out of it.
        pkcs11.C_CloseSession(openSession);
        releaseLogin(loginKey);
        releaseModule(modulePath);
      },
    };
  } catch (error) {
    if (session) pkcs11.C_CloseSession(session);
    releaseModule(modulePath);
    throw error;
  }
}

/** `heldPinDigest`: the digest of the PIN this thread's open signers of the token logged in with. */
function logIn(pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle, pin: string, tokenLabel: string, heldPinDigest: Buffer | undefined): void {
  try {
    pkcs11.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    if (hasReturnValue(error, pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) {
      // Logged in by an open signer: the token did not check this PIN, the held digest does. (A
      // login made by another thread of the process cannot be checked here.)
      if (heldPinDigest && !timingSafeEqual(heldPinDigest, pinDigest(pin))) throw new RelaisError('wrong_pin', { token: tokenLabel });
      return;
    }
    if (hasReturnValue(error, pkcs11js.CKR_PIN_LOCKED)) throw new RelaisError('pin_locked', { token: tokenLabel });
    if ([pkcs11js.CKR_PIN_INCORRECT, pkcs11js.CKR_PIN_INVALID, pkcs11js.CKR_PIN_LEN_RANGE].some((code) => hasReturnValue(error, code))) {
      throw new RelaisError('wrong_pin', { token: tokenLabel });
    }
    throw error;
  }
}

function findObjects(pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle, template: pkcs11js.Template): pkcs11js.Handle[] {
  pkcs11.C_FindObjectsInit(session, template);
  try {
    const found: pkcs11js.Handle[] = [];
    for (let batch = pkcs11.C_FindObjects(session, 32); batch.length > 0; batch = pkcs11.C_FindObjects(session, 32)) found.push(...batch);
    return found;
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

interface TokenCertificate {
  id: string;
  der: Uint8Array;
}

interface KeyPair {
  key: pkcs11js.Handle;
  keyAlgorithm: Signer['keyAlgorithm'];
  certificates: Uint8Array[];
}

/**
 * The private key whose certificate (same CKA_ID) may sign now, with that certificate first and
 * the token's other certificates after it as its chain. A card may hold several pairs (one to
 * authenticate, one to sign): the first that passes checkSigningCertificate is taken, and when
 * none does, the first pair's refusal says why.
 */
function signingKeyPair(pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle, tokenLabel: string, now: Date): KeyPair {
  const certificates: TokenCertificate[] = findObjects(pkcs11, session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ]).map((handle) => {
    const [id, value] = pkcs11.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_VALUE }]);
    return { id: id!.value.toString('hex'), der: new Uint8Array(value!.value) };
  });
  const pairs = findObjects(pkcs11, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]).flatMap((key) => {
    const [id, keyType] = pkcs11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_KEY_TYPE }]);
    const certificate = certificates.find((candidate) => candidate.id === id!.value.toString('hex'));
    const keyAlgorithm = keyAlgorithmOf(keyType!.value.readUIntLE(0, Math.min(keyType!.value.length, 6)));
    return certificate && keyAlgorithm ? [{ key, keyAlgorithm, certificate }] : [];
  });
  if (pairs.length === 0) throw new RelaisError('token_without_key', { token: tokenLabel });
  let refusal: unknown = null;
  for (const pair of pairs) {
    try {
      checkSigningCertificate(pair.certificate.der, now);
    } catch (error) {
      refusal ??= error;
      continue;
    }
    const chain = certificates.filter((candidate) => candidate !== pair.certificate).map((candidate) => candidate.der);
    return { key: pair.key, keyAlgorithm: pair.keyAlgorithm, certificates: [pair.certificate.der, ...chain] };
  }
  throw refusal;
}

function keyAlgorithmOf(keyType: number): Signer['keyAlgorithm'] | null {
  if (keyType === pkcs11js.CKK_RSA) return 'RSA';
  if (keyType === pkcs11js.CKK_EC) return 'ECDSA';
  return null;
}

function signOnToken(pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle, key: pkcs11js.Handle, keyAlgorithm: Signer['keyAlgorithm'], data: Uint8Array): Uint8Array {
  if (keyAlgorithm === 'RSA') {
    pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
    return new Uint8Array(pkcs11.C_Sign(session, Buffer.from(data), Buffer.alloc(1024)));
  }
  // Tokens seldom offer CKM_ECDSA_SHA256: hash here, let the token sign the digest.
  pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
  const digest = createHash('sha256').update(data).digest();
  return ecdsaSignatureToDer(pkcs11.C_Sign(session, digest, Buffer.alloc(132)));
}

/** PKCS#11 returns an ECDSA signature as r‖s; CMS wants the DER Ecdsa-Sig-Value SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaSignatureToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const magnitude = bytes.subarray(start);
    // A leading 0x00 keeps a value whose top bit is set positive.
    const content = magnitude[0]! & 0x80 ? [0, ...magnitude] : [...magnitude];
    return [0x02, content.length, ...content];
  };
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  // Up to P-521 (2 × 67 bytes) the sequence needs at most a two-byte length.
  const length = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return new Uint8Array([0x30, ...length, ...body]);
}
