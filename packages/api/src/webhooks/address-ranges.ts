import { BlockList, isIP } from "node:net";

/**
 * Where an IP address points, as the webhook egress policy sees it: `public` (a global unicast
 * address), or the kind of range that keeps it off limits by default.
 */
export type AddressRange =
  | "public"
  | "unspecified"
  | "loopback"
  | "metadata"
  | "private"
  | "link-local"
  | "multicast"
  | "reserved";

/** A range other than `public`. */
export type BlockedRange = Exclude<AddressRange, "public">;

type Subnet = readonly [network: string, prefix: number];

// Checked in this order: "::" and "::1" are inside the IPv4-compatible "::/96" (reserved).
const RANGES: readonly (readonly [BlockedRange, "ipv4" | "ipv6", readonly Subnet[]])[] = [
  // Cloud instance metadata (credentials!): AWS, GCP, Azure, OpenStack; Alibaba; AWS over IPv6.
  // Named apart because two of them sit inside ranges that allowPrivateNetworks opens.
  [
    "metadata",
    "ipv4",
    [
      ["169.254.169.254", 32],
      ["100.100.100.200", 32],
    ],
  ],
  ["metadata", "ipv6", [["fd00:ec2::254", 128]]],
  ["unspecified", "ipv4", [["0.0.0.0", 8]]],
  ["unspecified", "ipv6", [["::", 128]]],
  ["loopback", "ipv4", [["127.0.0.0", 8]]],
  ["loopback", "ipv6", [["::1", 128]]],
  ["link-local", "ipv4", [["169.254.0.0", 16]]],
  ["link-local", "ipv6", [["fe80::", 10]]],
  // RFC 1918, shared address space (carrier-grade NAT), unique local and deprecated site-local.
  [
    "private",
    "ipv4",
    [
      ["10.0.0.0", 8],
      ["172.16.0.0", 12],
      ["192.168.0.0", 16],
      ["100.64.0.0", 10],
    ],
  ],
  [
    "private",
    "ipv6",
    [
      ["fc00::", 7],
      ["fec0::", 10],
    ],
  ],
  ["multicast", "ipv4", [["224.0.0.0", 4]]],
  ["multicast", "ipv6", [["ff00::", 8]]],
  // Protocol assignments, documentation, 6to4 relays, benchmarking, class E and broadcast.
  [
    "reserved",
    "ipv4",
    [
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.88.99.0", 24],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["240.0.0.0", 4],
    ],
  ],
  // IPv4-compatible (deprecated), Teredo (tunnels to any IPv4 address), documentation.
  [
    "reserved",
    "ipv6",
    [
      ["::", 96],
      ["2001::", 32],
      ["2001:db8::", 32],
      ["3fff::", 20],
    ],
  ],
];

const subnets = (family: "ipv4" | "ipv6", list: readonly Subnet[]): BlockList => {
  const blockList = new BlockList();
  for (const [network, prefix] of list) blockList.addSubnet(network, prefix, family);
  return blockList;
};

const CHECKS = RANGES.map(
  ([range, family, list]) => [range, family, subnets(family, list)] as const,
);
// Outside 2000::/3 an IPv6 address is not global unicast (besides the ranges named above).
const GLOBAL_UNICAST = subnets("ipv6", [["2000::", 3]]);

// The eight 16-bit groups of a valid IPv6 address (zone removed), a dotted IPv4 tail included.
const groupsOf = (address: string): number[] => {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text =
    dotted === null
      ? address
      : `${address.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`;
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
};

const ipv4Of = (high: number, low: number) =>
  `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries to an IPv4 host: IPv4-mapped (`::ffff:a.b.c.d`),
 * NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:aabb:ccdd::`); `undefined` for any other address.
 */
export const embeddedIpv4 = (ipv6: string): string | undefined => {
  const g = groupsOf(ipv6);
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return ipv4Of(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4Of(g[6] ?? 0, g[7] ?? 0);
  if (g[0] === 0x2002) return ipv4Of(g[1] ?? 0, g[2] ?? 0);
  return undefined;
};

/**
 * The range of an IP address (IPv4, or IPv6 with an optional `%zone`). An IPv6 address that
 * carries an IPv4 address (IPv4-mapped, NAT64, 6to4) is classified by that IPv4 address; an IPv6
 * address outside global unicast (2000::/3) is `reserved`; a string that is not an IP address is
 * `reserved` too, so that nothing unknown is ever connected to.
 *
 * @example
 * ```ts
 * classifyAddress("169.254.169.254"); // "link-local"
 * classifyAddress("::ffff:127.0.0.1"); // "loopback"
 * classifyAddress("93.184.215.14"); // "public"
 * ```
 */
export const classifyAddress = (address: string): AddressRange => {
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return "reserved";
  const embedded = family === 6 ? embeddedIpv4(bare) : undefined;
  if (embedded !== undefined) return classifyAddress(embedded);
  const kind = family === 4 ? "ipv4" : "ipv6";
  for (const [range, rangeFamily, blockList] of CHECKS)
    if (rangeFamily === kind && blockList.check(bare, kind)) return range;
  return kind === "ipv6" && !GLOBAL_UNICAST.check(bare, "ipv6") ? "reserved" : "public";
};
