/**
 * This desk's role in the decision workflow and the PKCS#11 module it signs with: local
 * preferences (the hub will know its users' roles), each change journaled, none sent to the hub.
 */
import { z } from 'zod';
import { DeskRole } from '../../../shared/channels/decisions';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { defineMutation } from '../mutations';

const ROLE_KEY = 'decisions.role';
const MODULE_KEY = 'decisions.pkcs11Module';
const DEFAULT_ROLE: DeskRole = 'instructeur';

/** Where OpenSC installs its PKCS#11 module on each platform (Debian/Ubuntu multiarch on Linux). */
const DEFAULT_MODULES: Partial<Record<NodeJS.Platform, string>> = {
  linux: `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/opensc-pkcs11.so`,
  darwin: '/Library/OpenSC/lib/opensc-pkcs11.so',
  win32: 'C:\\Windows\\System32\\opensc-pkcs11.dll',
};

const statements = statementsFor((db) => ({
  get: db.prepare<[string], string>('SELECT value FROM preference WHERE key = ?').pluck(),
  set: db.prepare<[string, string]>('INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
}));

export function deskRole(ctx: CoreContext): DeskRole {
  const stored = DeskRole.safeParse(statements(ctx.db).get.get(ROLE_KEY));
  return stored.success ? stored.data : DEFAULT_ROLE;
}

/** Refuses the action unless this desk acts in `needed`. */
export function requireRole(ctx: CoreContext, needed: DeskRole): void {
  const role = deskRole(ctx);
  if (role !== needed) throw new RelaisError('role_forbidden', { role, needed });
}

export function pkcs11ModulePath(ctx: CoreContext): string {
  return statements(ctx.db).get.get(MODULE_KEY) ?? DEFAULT_MODULES[process.platform] ?? DEFAULT_MODULES.linux!;
}

export const setRole = defineMutation({
  name: 'decision.setRole',
  args: z.object({ role: DeskRole }),
  outbox: false,
  apply(ctx, { role }) {
    const before = deskRole(ctx);
    statements(ctx.db).set.run(ROLE_KEY, role);
    return { dossierId: null, before: { role: before }, after: { role }, result: { role } };
  },
});

export const setPkcs11Module = defineMutation({
  name: 'decision.setPkcs11Module',
  args: z.object({ path: z.string().trim().min(1).max(1_000) }),
  outbox: false,
  apply(ctx, { path }) {
    const before = pkcs11ModulePath(ctx);
    statements(ctx.db).set.run(MODULE_KEY, path);
    return { dossierId: null, before: { modulePath: before }, after: { modulePath: path }, result: { modulePath: path } };
  },
});
