import { describe, expect, it } from "vitest";
import { type AddressRange, classifyAddress, embeddedIpv4 } from "./address-ranges.js";

const CASES: readonly (readonly [string, AddressRange])[] = [
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["::", "unspecified"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["::1", "loopback"],
  ["10.0.0.5", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.10", "private"],
  ["100.64.0.1", "private"],
  ["100.127.255.255", "private"],
  ["fc00::1", "private"],
  ["fd12:3456::1", "private"],
  ["fec0::1", "private"],
  ["169.254.0.1", "link-local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["169.254.169.254", "metadata"],
  ["100.100.100.200", "metadata"],
  ["fd00:ec2::254", "metadata"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["ff02::1", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "reserved"],
  ["192.0.2.1", "reserved"],
  ["198.18.0.1", "reserved"],
  ["2001:db8::1", "reserved"],
  ["2001:0:4136:e378::1", "reserved"],
  ["::7f00:1", "reserved"],
  ["100::1", "reserved"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["::ffff:10.0.0.5", "private"],
  ["::ffff:a9fe:a9fe", "metadata"],
  ["64:ff9b::127.0.0.1", "loopback"],
  ["64:ff9b::a00:5", "private"],
  ["2002:7f00:1::", "loopback"],
  ["2002:c0a8:101::1", "private"],
  ["8.8.8.8", "public"],
  ["93.184.215.14", "public"],
  ["172.32.0.1", "public"],
  ["100.128.0.1", "public"],
  ["2606:4700:4700::1111", "public"],
  ["::ffff:8.8.8.8", "public"],
  ["64:ff9b::8.8.8.8", "public"],
  ["2002:808:808::1", "public"],
  ["not-an-address", "reserved"],
];

describe("classifyAddress", () => {
  it.each(CASES)("classifies %s as %s", (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });
});

describe("embeddedIpv4", () => {
  it.each([
    ["::ffff:192.0.2.33", "192.0.2.33"],
    ["::ffff:c000:221", "192.0.2.33"],
    ["64:ff9b::c000:221", "192.0.2.33"],
    ["2002:c000:221::1", "192.0.2.33"],
    ["2606:4700::1111", undefined],
    ["::1", undefined],
  ])("finds the IPv4 address %s carries: %s", (ipv6, ipv4) => {
    expect(embeddedIpv4(ipv6)).toBe(ipv4);
  });
});
