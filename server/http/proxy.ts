/**
 * A hub behind a TLS reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed from the
 * proxy's own addresses only (anyone else could write them), and once those addresses are
 * named, the hub answers nobody else, and nothing the proxy says came over plain HTTP: a
 * desk's token never crosses the network in clear.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HubError } from '../errors';

/**
 * `true`: any peer is believed (a load balancer whose addresses change; nothing is refused);
 * addresses or subnets (`10.0.0.5`, `10.0.0.0/24`, `::1`): those only, and the hub serves only them.
 */
export type TrustedProxies = boolean | readonly string[];

/** A BlockList of the proxies' addresses and subnets; throws on an entry that is neither. */
export function proxyList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.trim().split('/');
    const family = net.isIP(address ?? '');
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) throw new Error(`Not an IP address or subnet: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return list;
}

/** The peer's address as the list knows it: an IPv4 peer on a dual-stack socket reads `::ffff:a.b.c.d`. */
export function isTrustedPeer(list: net.BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return list.check(mapped, 'ipv4') || list.check(address, 'ipv6');
  return list.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Refuses, before anything else runs, a call that did not come through the named proxies over HTTPS. */
export function serveThroughProxyOnly(app: FastifyInstance, proxies: readonly string[]): void {
  const list = proxyList(proxies);
  app.addHook('onRequest', async (request) => {
    if (!isTrustedPeer(list, request.socket.remoteAddress)) {
      throw new HubError('forbidden', 403, 'This hub is served through its HTTPS proxy only: call it at its public https:// address.');
    }
    if (request.protocol !== 'https') {
      throw new HubError('forbidden', 403, 'This hub accepts HTTPS only: the proxy must pass X-Forwarded-Proto: https (and redirect plain HTTP).');
    }
  });
}
