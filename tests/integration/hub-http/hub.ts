/** A hub app on a loopback port over a test database, and a small JSON client for it. */
import type { AddressInfo } from 'node:net';
import type { HubDatabase } from '../../../server/db/database';
import { buildHubApp, type HubAppOptions } from '../../../server/http/app';
import { addUser, type NewUser } from '../../../server/users/users';
import { PROTOCOL_VERSION, type EnrolResponse, type HubRole } from '../../../shared/sync/protocol';

export interface TestHub {
  url: string;
  close(): Promise<void>;
}

export async function listenHub(options: HubAppOptions): Promise<TestHub> {
  const app = buildHubApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  hub: TestHub,
  method: string,
  path: string,
  { token, json, body, headers = {} }: { token?: string; json?: unknown; body?: Uint8Array | string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const all: Record<string, string> = { ...headers };
  if (token !== undefined) all.authorization = `Bearer ${token}`;
  if (json !== undefined) all['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, { method, headers: all, body: json !== undefined ? JSON.stringify(json) : (body as BodyInit | undefined) });
  const text = method === 'HEAD' ? '' : await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: (type.includes('json') && text ? JSON.parse(text) : text) as T };
}

let counter = 0;

export function someUser(role: HubRole = 'instructeur', territories: string[] = ['ti-0001']): NewUser {
  counter += 1;
  return { email: `person${counter}.${process.pid}@example.fr`, name: `Personne ${counter}`, role, territories };
}

/** Adds a user and enrols one device for them through the HTTP route, as a desk does. */
export async function enrolledDevice(db: HubDatabase, hub: TestHub, user: NewUser = someUser()): Promise<EnrolResponse> {
  const { code } = await addUser(db, user);
  const answer = await call<EnrolResponse>(hub, 'POST', '/v1/enrol', {
    json: { email: user.email, code, deviceName: 'Portable de test', protocol: PROTOCOL_VERSION },
  });
  if (answer.status !== 200) throw new Error(`enrolment failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
