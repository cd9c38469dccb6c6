import type { Jurisdiction } from "@claimstream/domain";
import { PLATE_PREFIX } from "./seed-catalog.js";
import type { SeedRandom } from "./seed-random.js";

/** A vehicle as a policy insures it and a shop receives it. */
export interface DemoVehicle {
  readonly vin: string;
  readonly plate: string;
}

const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
const LATIN_PLATE = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const CYRILLIC_PLATE = "АВЕКМНОРСТУХ";
const DIGITS = "0123456789";

// World manufacturer identifiers of makes sold in each market.
const WMI: Readonly<Record<Jurisdiction, readonly string[]>> = {
  CN: ["LSV", "LFV", "LGB", "LVS"],
  RU: ["XTA", "Z94", "XW8"],
  "US-CA": ["1HG", "5YJ", "1FT", "JTD"],
};

const RU_REGION_CODE: Readonly<Record<string, string>> = {
  Moscow: "77",
  "Saint Petersburg": "78",
  Tatarstan: "116",
};

const chars = (random: SeedRandom, alphabet: string, count: number): string =>
  Array.from({ length: count }, () => random.pick([...alphabet])).join("");

const plateFor = (random: SeedRandom, jurisdiction: Jurisdiction, region: string): string => {
  switch (jurisdiction) {
    case "CN":
      return `${PLATE_PREFIX[region] ?? "沪A"}${chars(random, LATIN_PLATE + DIGITS, 5)}`;
    case "RU":
      return `${chars(random, CYRILLIC_PLATE, 1)}${chars(random, DIGITS, 3)}${chars(random, CYRILLIC_PLATE, 2)}${RU_REGION_CODE[region] ?? "77"}`;
    case "US-CA":
      return `${random.int(1, 9)}${chars(random, LATIN_PLATE, 3)}${chars(random, DIGITS, 3)}`;
  }
};

/**
 * A plausible vehicle of a market: a 17-character VIN (no I, O, Q) and a local plate.
 *
 * @example
 * ```ts
 * demoVehicle(random, "CN", "Shanghai"); // { vin: "LSV…", plate: "沪A…" }
 * ```
 */
export const demoVehicle = (
  random: SeedRandom,
  jurisdiction: Jurisdiction,
  region: string,
): DemoVehicle => ({
  vin: `${random.pick(WMI[jurisdiction])}${chars(random, VIN_CHARS, 14)}`,
  plate: plateFor(random, jurisdiction, region),
});
