import type { Jurisdiction } from "@claimstream/domain";

/** An insurer of the demo book, with the speed at which its finance team pays. */
export interface DemoInsurer {
  readonly id: string;
  readonly name: string;
  /** Short code used in policy numbers and user ids. */
  readonly code: string;
  readonly jurisdiction: Jurisdiction;
  /** ISO 3166 country of the territory its policies cover. */
  readonly country: string;
  readonly currency: "CNY" | "RUB" | "USD";
  /** Units of `currency` per CNY, to scale the CNY-based price and damage tables. */
  readonly perCny: number;
  /** Rounding step of amounts in major units (10 CNY, 100 RUB, 5 USD). */
  readonly roundTo: number;
  readonly regions: readonly string[];
  /** Share of the policy book. */
  readonly share: number;
  /** Days from approval to the money leaving the bank, min and max. */
  readonly payDays: readonly [number, number];
  /** Claim size relative to the book average: gives each insurer its own loss ratio. */
  readonly severity: number;
}

/** Two Chinese insurers, one Russian, one Californian. */
export const DEMO_INSURERS: readonly DemoInsurer[] = [
  {
    id: "pacific-mutual",
    name: "Pacific Mutual Insurance",
    code: "PM",
    jurisdiction: "CN",
    country: "CN",
    currency: "CNY",
    perCny: 1,
    roundTo: 10,
    regions: ["Shanghai", "Zhejiang", "Jiangsu"],
    share: 0.3,
    payDays: [1, 5],
    severity: 0.8,
  },
  {
    id: "harbour-pc",
    name: "Harbour Property & Casualty",
    code: "HB",
    jurisdiction: "CN",
    country: "CN",
    currency: "CNY",
    perCny: 1,
    roundTo: 10,
    regions: ["Beijing", "Guangdong", "Tianjin"],
    share: 0.25,
    payDays: [3, 12],
    severity: 0.7,
  },
  {
    id: "volga-insurance",
    name: "Volga Insurance",
    code: "VG",
    jurisdiction: "RU",
    country: "RU",
    currency: "RUB",
    perCny: 12,
    roundTo: 100,
    regions: ["Moscow", "Saint Petersburg", "Tatarstan"],
    share: 0.25,
    payDays: [4, 16],
    severity: 0.8,
  },
  {
    id: "golden-state-mutual",
    name: "Golden State Mutual",
    code: "GS",
    jurisdiction: "US-CA",
    country: "US",
    currency: "USD",
    perCny: 0.14,
    roundTo: 5,
    regions: ["Los Angeles County", "San Francisco", "San Diego County"],
    share: 0.2,
    payDays: [2, 8],
    severity: 0.75,
  },
];

/** A loss adjuster or surveyor. `idle` ones only handled claims that are long closed. */
export interface DemoAdjuster {
  readonly id: string;
  readonly jurisdiction: Jurisdiction;
  readonly regions: readonly string[];
  readonly idle: boolean;
}

const adjuster = (
  id: string,
  jurisdiction: Jurisdiction,
  regions: readonly string[],
  idle = false,
): DemoAdjuster => ({ id, jurisdiction, regions, idle });

/** Twelve adjusters; two of them (one CN, one RU) have moved on and hold no open claims. */
export const DEMO_ADJUSTERS: readonly DemoAdjuster[] = [
  adjuster("adj-cn-zhang", "CN", ["Shanghai", "Zhejiang"]),
  adjuster("adj-cn-wang", "CN", ["Shanghai", "Jiangsu"]),
  adjuster("adj-cn-li", "CN", ["Beijing", "Tianjin"]),
  adjuster("adj-cn-chen", "CN", ["Guangdong"]),
  adjuster("adj-cn-liu", "CN", ["Beijing", "Guangdong", "Tianjin"]),
  adjuster("adj-cn-zhao", "CN", ["Zhejiang", "Jiangsu"], true),
  adjuster("adj-ru-ivanova", "RU", ["Moscow", "Tatarstan"]),
  adjuster("adj-ru-petrov", "RU", ["Saint Petersburg", "Moscow"]),
  adjuster("adj-ru-sokolov", "RU", ["Tatarstan", "Saint Petersburg"], true),
  adjuster("adj-us-garcia", "US-CA", ["Los Angeles County", "San Diego County"]),
  adjuster("adj-us-nguyen", "US-CA", ["San Francisco", "Los Angeles County"]),
  adjuster("adj-us-miller", "US-CA", ["San Diego County", "San Francisco"]),
];

/** A partner repair shop with its technicians and teams. */
export interface DemoShop {
  readonly id: string;
  readonly name: string;
  /** Short code used in invoice numbers. */
  readonly code: string;
  readonly jurisdiction: Jurisdiction;
  readonly region: string;
  readonly technicians: readonly string[];
  readonly teams: readonly string[];
}

const technicians = (code: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `tech-${code}-${i + 1}`);

/** Five partner shops: three in China, one in Moscow, one in Los Angeles. */
export const DEMO_SHOPS: readonly DemoShop[] = [
  {
    id: "shop-sh-autocare",
    name: "Shanghai AutoCare Body Shop",
    code: "SHA",
    jurisdiction: "CN",
    region: "Shanghai",
    technicians: technicians("sha", 4),
    teams: ["team-sha-body", "team-sha-paint"],
  },
  {
    id: "shop-bj-jingcheng",
    name: "Jingcheng Collision Center",
    code: "BJC",
    jurisdiction: "CN",
    region: "Beijing",
    technicians: technicians("bjc", 3),
    teams: ["team-bjc-body"],
  },
  {
    id: "shop-gz-pearl",
    name: "Pearl River Auto Repair",
    code: "GZP",
    jurisdiction: "CN",
    region: "Guangdong",
    technicians: technicians("gzp", 3),
    teams: ["team-gzp-body"],
  },
  {
    id: "shop-msk-avtoprofi",
    name: "AvtoProfi Moscow",
    code: "MSK",
    jurisdiction: "RU",
    region: "Moscow",
    technicians: technicians("msk", 3),
    teams: ["team-msk-body"],
  },
  {
    id: "shop-la-sunset",
    name: "Sunset Collision Repair",
    code: "LAS",
    jurisdiction: "US-CA",
    region: "Los Angeles County",
    technicians: technicians("las", 3),
    teams: ["team-las-body"],
  },
];

/** Policyholder names per jurisdiction (fictitious). */
export const DEMO_NAMES: Readonly<Record<Jurisdiction, readonly string[]>> = {
  CN: ["Li Wei", "Wang Fang", "Zhang Min", "Liu Yang", "Chen Jing", "Yang Lei", "Zhao Qiang"],
  RU: ["Ivan Smirnov", "Olga Kuznetsova", "Dmitry Popov", "Anna Volkova", "Sergey Morozov"],
  "US-CA": ["Maria Garcia", "James Smith", "Linda Nguyen", "Robert Johnson", "Emily Chen"],
};

/** Plate prefixes by region, for realistic-looking registration plates. */
export const PLATE_PREFIX: Readonly<Record<string, string>> = {
  Shanghai: "沪A",
  Zhejiang: "浙A",
  Jiangsu: "苏A",
  Beijing: "京B",
  Guangdong: "粤B",
  Tianjin: "津C",
};
