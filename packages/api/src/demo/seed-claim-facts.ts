import type { Claim, Money, Peril } from "@claimstream/domain";
import { splitAmount } from "./seed-money.js";
import type { DemoLine } from "./seed-policies.js";

type AssessmentLine = Claim.AssessmentLine;

// Descriptions are long enough not to trip the "vague description" risk rule.
const DESCRIPTIONS: Readonly<Partial<Record<Peril, readonly string[]>>> = {
  collision: [
    "Rear-ended at a traffic light, bumper and boot lid damaged",
    "Side impact at a junction, front left door and wing dented",
    "Scraped a concrete pillar while parking, rear quarter panel damaged",
  ],
  glass: ["Windscreen cracked by a stone thrown up on the motorway"],
  theft: ["Vehicle stolen overnight from a residential car park"],
  hail: ["Hailstorm left dents across the roof and bonnet"],
  flood: ["Water entered the cabin during a flash flood, engine stalled"],
  fire: ["Fire started in the engine bay while driving, bonnet and wiring burnt"],
  vandalism: ["Paint keyed along both sides while parked on the street"],
  third_party_liability: [
    "Insured driver hit the rear of a third-party car in slow traffic",
    "Insured driver reversed into a parked third-party vehicle",
  ],
  other: ["Burst pipe flooded the kitchen and damaged the flooring"],
};

const PROPERTY_DESCRIPTIONS: Readonly<Partial<Record<Peril, string>>> = {
  fire: "Kitchen fire spread to the living room, smoke damage throughout",
  flood: "River flooding entered the ground floor, walls and flooring soaked",
  theft: "Break-in through the balcony door, electronics and jewellery stolen",
  vandalism: "Windows smashed and facade sprayed with graffiti",
  other: "Burst pipe flooded the kitchen and damaged the flooring",
};

/** What a reporter says happened; a vague, short text for suspicious claims. */
export const describeLoss = (
  line: DemoLine,
  peril: Peril,
  suspicious: boolean,
  pick: <T>(items: readonly T[]) => T,
): string => {
  if (suspicious) return pick(["Car damaged", "Damage to property", "Accident"]);
  if (line === "property") return PROPERTY_DESCRIPTIONS[peril] ?? "Damage to the insured home";
  return pick(DESCRIPTIONS[peril] ?? ["Damage to the insured vehicle in an accident"]);
};

/** The document checklist of a claim, per line and peril. */
export const documentChecklist = (
  line: DemoLine,
  peril: Peril,
  policeReport: boolean,
): string[] => {
  const base =
    line === "property"
      ? ["claim_form", "photos", "proof_of_ownership"]
      : ["claim_form", "driver_licence", "vehicle_registration", "photos"];
  const extra = [
    ...(policeReport ? ["police_report"] : []),
    ...(peril === "fire" && line === "property" ? ["fire_brigade_report"] : []),
    ...(line === "motor_liability" ? ["third_party_statement"] : []),
  ];
  return [...base, ...extra];
};

const MOTOR_SPLIT: Readonly<Partial<Record<Peril, readonly [string, string, number][]>>> = {
  glass: [
    ["part", "Windscreen", 0.8],
    ["labour", "Fit windscreen and recalibrate camera", 0.2],
  ],
  theft: [["other", "Market value of the stolen vehicle", 1]],
  flood: [
    ["part", "Engine and electrical components", 0.6],
    ["labour", "Strip, dry and rebuild", 0.4],
  ],
  fire: [
    ["part", "Bonnet, wiring loom and engine bay parts", 0.65],
    ["labour", "Replace burnt parts", 0.35],
  ],
};

const BODY_SPLIT: readonly [string, string, number][] = [
  ["part", "Body panels and trim", 0.55],
  ["labour", "Panel work", 0.25],
  ["paint", "Paint and blend", 0.2],
];

const PROPERTY_SPLIT: readonly [string, string, number][] = [
  ["other", "Repair of the damaged structure and finishes", 0.7],
  ["other", "Cleaning, drying and contents", 0.3],
];

/** Damage assessed as parts, labour and paint lines adding up to `total` exactly. */
export const assessmentLines = (line: DemoLine, peril: Peril, total: Money): AssessmentLine[] => {
  const split = line === "property" ? PROPERTY_SPLIT : (MOTOR_SPLIT[peril] ?? BODY_SPLIT);
  const amounts = splitAmount(
    total.amount,
    split.map(([, , share]) => share),
  );
  return split.map(([kind, description], i) => ({
    kind: kind as AssessmentLine["kind"],
    description,
    amount: { amount: amounts[i] ?? 0, currency: total.currency },
  }));
};

/** Hidden damage found once the vehicle is stripped. */
export const supplementLines = (total: Money): AssessmentLine[] => {
  const [part, labour] = splitAmount(total.amount, [0.7, 0.3]);
  return [
    {
      kind: "part",
      description: "Bracket and sensor behind the bumper",
      amount: { amount: part ?? 0, currency: total.currency },
    },
    {
      kind: "labour",
      description: "Fit bracket and calibrate sensor",
      amount: { amount: labour ?? 0, currency: total.currency },
    },
  ];
};
