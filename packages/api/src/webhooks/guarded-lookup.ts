import { promises as dns, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { type EgressPolicy, refusalMessage } from "./egress-policy.js";

/** Resolves a host name to every address it has (the system resolver by default). */
export type HostResolver = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

/** `dns.lookup` (getaddrinfo: /etc/hosts, then DNS), every address. */
export const systemResolver: HostResolver = (hostname, options) =>
  dns.lookup(hostname, { ...options, all: true });

/** A connection was refused by the egress policy; no connection was made. */
export class DestinationNotAllowedError extends Error {
  override readonly name = "DestinationNotAllowedError";
  readonly code = "ERR_DESTINATION_NOT_ALLOWED";
}

const refusalOf = (policy: EgressPolicy, hostname: string, addresses: LookupAddress[]) => {
  if (addresses.length === 0)
    return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  if (policy.allowsName(hostname)) return undefined;
  for (const { address } of addresses) {
    const verdict = policy.checkAddress(address);
    if (!verdict.allowed) return new DestinationNotAllowedError(refusalMessage(verdict));
  }
  return undefined;
};

/**
 * A `lookup` for `net`/`http`/`https` connections that resolves, checks every address against
 * the egress policy and only then hands them to the socket: the address checked is the address
 * connected to, so DNS rebinding between a check and the connection is impossible. A name with
 * any refused address fails as a whole (no connection at all). IP literals never reach a
 * `lookup`: check them with {@link EgressPolicy.checkHost} before connecting.
 *
 * @example
 * ```ts
 * http.request(url, { lookup: guardedLookup(new EgressPolicy()) });
 * ```
 */
export const guardedLookup =
  (policy: EgressPolicy, resolve: HostResolver = systemResolver): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, options).then(
      (addresses) => {
        const refusal = refusalOf(policy, hostname, addresses);
        const [first] = addresses;
        if (refusal !== undefined) callback(refusal, []);
        else if (options.all === true) callback(null, addresses);
        else if (first !== undefined) callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
