import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { loadIntegrationConfig } from "../integration-config.js";
import { EgressPolicy, parseAllowedHost, refusalMessage } from "./egress-policy.js";

const allowed = (policy: EgressPolicy, host: string) => policy.checkHost(host).allowed;

describe("EgressPolicy", () => {
  const closed = new EgressPolicy();

  it.each([
    "127.0.0.1",
    "[::1]",
    "::1",
    "0.0.0.0",
    "10.0.0.5",
    "172.16.4.4",
    "192.168.0.1",
    "100.64.1.1",
    "169.254.169.254",
    "[fe80::1]",
    "[fd00::1]",
    "224.0.0.251",
    "[::ffff:7f00:1]",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "api.localhost",
  ])("refuses %s by default", (host) => {
    expect(allowed(closed, host)).toBe(false);
  });

  it.each(["8.8.8.8", "[2606:4700:4700::1111]", "hooks.example.com", "localhost.example.com"])(
    "allows %s by default (a name's addresses are checked when connecting)",
    (host) => {
      expect(allowed(closed, host)).toBe(true);
    },
  );

  it("names the address and its range when refusing", () => {
    const verdict = closed.checkHost("[::ffff:7f00:1]");
    expect(verdict).toEqual({ allowed: false, destination: "::ffff:7f00:1", range: "loopback" });
    if (verdict.allowed) throw new Error("refused above");
    expect(refusalMessage(verdict)).toBe("destination ::ffff:7f00:1 not allowed (loopback)");
  });

  it("opens the private ranges with allowPrivateNetworks, but not loopback, link-local or metadata", () => {
    const onPremise = new EgressPolicy({ allowPrivateNetworks: true, allowedHosts: [] });
    for (const host of ["10.0.0.5", "172.20.0.1", "192.168.1.1", "100.64.0.1", "fd12::1"])
      expect(allowed(onPremise, host), host).toBe(true);
    for (const host of ["127.0.0.1", "::1", "169.254.169.254", "100.100.100.200", "fd00:ec2::254"])
      expect(allowed(onPremise, host), host).toBe(false);
    expect(allowed(onPremise, "localhost")).toBe(false);
  });

  it("allows exactly the listed addresses, CIDR ranges and names", () => {
    const policy = new EgressPolicy({
      allowPrivateNetworks: false,
      allowedHosts: ["127.0.0.1", "10.20.0.0/16", "fd12:3456::/32", "Hooks.Corp.Example."],
    });
    expect(allowed(policy, "127.0.0.1")).toBe(true);
    expect(allowed(policy, "::ffff:127.0.0.1")).toBe(true);
    expect(allowed(policy, "127.0.0.2")).toBe(false);
    expect(allowed(policy, "10.20.255.1")).toBe(true);
    expect(allowed(policy, "10.21.0.1")).toBe(false);
    expect(allowed(policy, "fd12:3456:1::9")).toBe(true);
    expect(allowed(policy, "fd12:3457::9")).toBe(false);
    expect(policy.allowsName("hooks.corp.example")).toBe(true);
    expect(policy.allowsName("other.corp.example")).toBe(false);
  });

  it("allows localhost only when it is listed by name", () => {
    const byAddress = new EgressPolicy({ allowPrivateNetworks: true, allowedHosts: ["127.0.0.1"] });
    const byName = new EgressPolicy({ allowPrivateNetworks: false, allowedHosts: ["localhost"] });
    expect(allowed(byAddress, "localhost")).toBe(false);
    expect(allowed(byName, "localhost")).toBe(true);
  });
});

describe("parseAllowedHost", () => {
  it.each([
    ["hooks.corp.example", { kind: "name", name: "hooks.corp.example" }],
    ["10.1.2.3", { kind: "network", address: "10.1.2.3", prefix: 32, family: "ipv4" }],
    ["10.0.0.0/8", { kind: "network", address: "10.0.0.0", prefix: 8, family: "ipv4" }],
    ["[::1]", { kind: "network", address: "::1", prefix: 128, family: "ipv6" }],
    ["fd00::/8", { kind: "network", address: "fd00::", prefix: 8, family: "ipv6" }],
  ])("reads %s", (entry, parsed) => {
    expect(parseAllowedHost(entry)).toEqual(parsed);
  });

  it.each(["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "host/24", "bad host", "*.corp"])(
    "refuses %s",
    (entry) => {
      expect(parseAllowedHost(entry)).toBeUndefined();
    },
  );
});

describe("the webhook egress settings", () => {
  it("default to public addresses only", () => {
    expect(loadIntegrationConfig({}).webhooks.egress).toEqual({
      allowPrivateNetworks: false,
      allowedHosts: [],
    });
  });

  it("read the flag and the comma-separated list", () => {
    const config = loadIntegrationConfig({
      CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: " hooks.corp.example, 10.20.0.0/16 ,,127.0.0.1",
    });
    expect(config.webhooks.egress).toEqual({
      allowPrivateNetworks: true,
      allowedHosts: ["hooks.corp.example", "10.20.0.0/16", "127.0.0.1"],
    });
  });

  it.each([
    [
      { CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "yes" },
      "CLAIMSTREAM_WEBHOOK_ALLOW_PRIVATE_NETWORKS",
    ],
    [{ CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/33" }, "CLAIMSTREAM_WEBHOOK_ALLOWED_HOSTS"],
  ])("stop the start naming the bad variable: %j", (env, variable) => {
    expect(() => loadIntegrationConfig(env)).toThrow(ConfigError);
    expect(() => loadIntegrationConfig(env)).toThrow(new RegExp(`${variable}: `));
  });
});
