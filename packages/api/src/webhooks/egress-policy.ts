import { BlockList, isIP } from "node:net";
import { type BlockedRange, classifyAddress } from "./address-ranges.js";

/**
 * What webhook deliveries may connect to besides public addresses
 * (`CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS`, `CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS`).
 */
export interface EgressSettings {
  /**
   * Also allow the `private` ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), for
   * receivers on the premises. Loopback, link-local and cloud metadata stay refused.
   */
  readonly allowPrivateNetworks: boolean;
  /**
   * Always allowed: host names (exact, lower case; whatever they resolve to is then allowed),
   * IP addresses and CIDR ranges (any range, loopback included).
   */
  readonly allowedHosts: readonly string[];
}

/** The default: public addresses only. */
export const PUBLIC_ONLY: EgressSettings = { allowPrivateNetworks: false, allowedHosts: [] };

/** Whether a destination may be called; when not, the address (or name) and its range. */
export type EgressVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly destination: string; readonly range: BlockedRange };

/** One entry of {@link EgressSettings.allowedHosts}, parsed. */
export type AllowedHost =
  | { readonly kind: "name"; readonly name: string }
  | {
      readonly kind: "network";
      readonly address: string;
      readonly prefix: number;
      readonly family: "ipv4" | "ipv6";
    };

const LABEL = "[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?";
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

// As URL parsing leaves a host: lower case, no IPv6 brackets, no trailing dot.
const normalizeHost = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");

/**
 * Parses an allowed-host entry: `hooks.corp.example`, `10.20.0.7`, `10.20.0.0/16`, `fd12::/48`;
 * `undefined` when it is none of these (host names in ASCII, as punycode).
 *
 * @example
 * ```ts
 * parseAllowedHost("10.20.0.0/16"); // { kind: "network", address: "10.20.0.0", prefix: 16, family: "ipv4" }
 * ```
 */
export const parseAllowedHost = (entry: string): AllowedHost | undefined => {
  const [host = "", prefixText, ...extra] = normalizeHost(entry).split("/");
  const family = isIP(host);
  if (family === 0)
    return prefixText === undefined && HOST_NAME.test(host)
      ? { kind: "name", name: host }
      : undefined;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  const valid = extra.length === 0 && /^\d{1,3}$/.test(prefixText ?? "0") && prefix <= bits;
  return valid
    ? { kind: "network", address: host, prefix, family: family === 4 ? "ipv4" : "ipv6" }
    : undefined;
};

const isLocalhost = (name: string) => name === "localhost" || name.endsWith(".localhost");

/**
 * Where webhook deliveries may connect (OWASP's SSRF guidance): public unicast addresses, plus
 * what {@link EgressSettings} allows. Registration checks a URL's host with {@link checkHost}
 * (IP literals and `localhost`; names are not resolved then, DNS changes); delivery checks it
 * again and checks every address a name resolves to when connecting (see `guardedLookup`).
 *
 * @example
 * ```ts
 * const policy = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ["10.1.2.3"] });
 * policy.checkHost("169.254.169.254"); // { allowed: false, destination: "169.254.169.254", range: "metadata" }
 * policy.checkHost("10.1.2.3"); // { allowed: true }
 * ```
 */
export class EgressPolicy {
  readonly #names = new Set<string>();
  readonly #networks = new BlockList();
  readonly #allowPrivateNetworks: boolean;

  constructor(settings: EgressSettings = PUBLIC_ONLY) {
    this.#allowPrivateNetworks = settings.allowPrivateNetworks;
    for (const entry of settings.allowedHosts) {
      const allowed = parseAllowedHost(entry);
      if (allowed === undefined) throw new Error(`not a host name, address or CIDR: ${entry}`);
      if (allowed.kind === "name") this.#names.add(allowed.name);
      else this.#networks.addSubnet(allowed.address, allowed.prefix, allowed.family);
    }
  }

  /** Whether connecting to an IP address is allowed. */
  checkAddress(address: string): EgressVerdict {
    const bare = address.replace(/%.*$/, "");
    const family = isIP(bare);
    if (family !== 0 && this.#networks.check(bare, family === 4 ? "ipv4" : "ipv6"))
      return { allowed: true };
    const range = classifyAddress(bare);
    if (range === "public" || (range === "private" && this.#allowPrivateNetworks))
      return { allowed: true };
    return { allowed: false, destination: bare, range };
  }

  /**
   * What can be decided about a URL's host (`new URL(url).hostname`) without DNS: an IP literal
   * is checked, `localhost` and `*.localhost` are loopback, an allowed name is allowed; any other
   * name is allowed here, its addresses being checked when connecting.
   */
  checkHost(hostname: string): EgressVerdict {
    const host = normalizeHost(hostname);
    if (isIP(host) !== 0) return this.checkAddress(host);
    if (this.allowsName(host)) return { allowed: true };
    return isLocalhost(host)
      ? { allowed: false, destination: host, range: "loopback" }
      : { allowed: true };
  }

  /** Whether a host name is allowed by name (then whatever it resolves to is allowed). */
  allowsName(hostname: string): boolean {
    return this.#names.has(normalizeHost(hostname));
  }
}

/** The delivery-log and problem wording of a refusal: `destination 127.0.0.1 not allowed (loopback)`. */
export const refusalMessage = (verdict: Extract<EgressVerdict, { allowed: false }>): string =>
  `destination ${verdict.destination} not allowed (${verdict.range})`;
