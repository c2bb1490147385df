/**
 * The Electron fuses Relais ships with, flipped in a packaged Electron binary before it is signed:
 * `npx tsx electron/scripts/flip-fuses.ts <path to the packaged binary or .app>`.
 * Every fuse is decided here (strictlyRequireAllFuses): an Electron with a fuse this list does not
 * name refuses to be packaged until someone decides it.
 */
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';

export const RELAIS_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node for any caller.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with the system keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let another program inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is loaded only from app.asar, and that archive is checked against its hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // One V8 snapshot for all processes, as Electron ships it.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // V8's signal-based WebAssembly bounds checks, as Electron ships them (pdf.js decodes images in WebAssembly).
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** Flips the fuses, then reads them back: each must hold the chosen value. */
export async function flipRelaisFuses(electronBinary: string): Promise<void> {
  await flipFuses(electronBinary, RELAIS_FUSES);
  const wire = await getCurrentFuseWire(electronBinary);
  for (const option of Object.values(FuseV1Options).filter((value) => typeof value === 'number')) {
    const wanted = RELAIS_FUSES[option] ? 49 : 48; // the fuse wire's '1' and '0'
    if (wire[option] !== wanted) {
      throw new Error(`The fuse ${FuseV1Options[option]} of ${electronBinary} did not take its value.`);
    }
  }
}

if (require.main === module) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('Usage: npx tsx electron/scripts/flip-fuses.ts <path to the packaged Electron binary or .app>');
    process.exit(2);
  }
  flipRelaisFuses(binary).then(
    () => console.log(`Relais fuses set in ${binary}.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
