/** Where case file keys are filed when no RELAIS_KEY_DIR says otherwise: never inside a data folder. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKeyDir } from '../../electron/core/db/key-store';

describe('the default key directory', () => {
  it('is beside the Electron data folder ($XDG_CONFIG_HOME/relais), not inside it', () => {
    const keyDir = defaultKeyDir({ XDG_CONFIG_HOME: '/home/agent/.config' });
    expect(keyDir).toBe('/home/agent/.config/relais-keys');
    expect(path.relative('/home/agent/.config/relais', keyDir).startsWith('..')).toBe(true);
  });

  it('is RELAIS_KEY_DIR when set', () => {
    expect(defaultKeyDir({ RELAIS_KEY_DIR: '/secure/keys', XDG_CONFIG_HOME: '/home/agent/.config' })).toBe('/secure/keys');
  });
});
