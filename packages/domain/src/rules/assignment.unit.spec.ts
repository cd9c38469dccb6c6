import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type AdjusterProfile,
  AdjusterProfileSchema,
  type AssignmentRequest,
  chooseAdjuster,
  exclusionReasons,
} from "./assignment.js";
import { adjusterArb, assignmentRequestArb, teamArb } from "./testing/arbitraries.js";

const adjuster = (
  overrides: Partial<AdjusterProfile> & { adjusterId: string },
): AdjusterProfile => ({
  lines: ["motor_own_damage", "motor_liability"],
  regions: ["Beijing"],
  maxComplexity: 3,
  languages: ["zh"],
  capacity: 16,
  activeClaims: 4,
  available: true,
  ...overrides,
});

const request: AssignmentRequest = { line: "motor_own_damage", region: "Beijing", complexity: 2 };

const chosenId = (req: AssignmentRequest, team: readonly AdjusterProfile[]) => {
  const result = chooseAdjuster(req, team);
  return E.isRight(result) ? result.right.adjusterId : result.left.code;
};

describe("chooseAdjuster", () => {
  it("picks the only adjuster skilled for the line even when others are idle", () => {
    const team = [
      adjuster({ adjusterId: "home", lines: ["property"], activeClaims: 0 }),
      adjuster({ adjusterId: "motor", activeClaims: 10 }),
    ];
    expect(chosenId(request, team)).toBe("motor");
  });

  it("picks by region, compared ignoring case", () => {
    const team = [
      adjuster({ adjusterId: "msk", regions: ["Moscow"], activeClaims: 0 }),
      adjuster({ adjusterId: "bj", regions: [" beijing "], activeClaims: 9 }),
    ];
    expect(chosenId(request, team)).toBe("bj");
  });

  it("picks someone who takes claims of the needed complexity", () => {
    const team = [
      adjuster({ adjusterId: "junior", maxComplexity: 2, activeClaims: 0 }),
      adjuster({ adjusterId: "senior", maxComplexity: 5, activeClaims: 12 }),
    ];
    expect(chosenId({ ...request, complexity: 4 }, team)).toBe("senior");
    expect(chosenId({ ...request, complexity: 2 }, team)).toBe("junior");
  });

  it("picks someone who speaks the requested language, and ignores language when none is asked", () => {
    const team = [
      adjuster({ adjusterId: "zh-only", activeClaims: 0 }),
      adjuster({ adjusterId: "bilingual", languages: ["zh", "EN"], activeClaims: 8 }),
    ];
    expect(chosenId({ ...request, language: "en" }, team)).toBe("bilingual");
    expect(chosenId(request, team)).toBe("zh-only");
  });

  it("skips adjusters who are unavailable or at capacity", () => {
    const team = [
      adjuster({ adjusterId: "on-leave", available: false, activeClaims: 0 }),
      adjuster({ adjusterId: "full", capacity: 4, activeClaims: 4 }),
      adjuster({ adjusterId: "busy", activeClaims: 15 }),
    ];
    expect(chosenId(request, team)).toBe("busy");
  });

  it("picks the lowest load ratio rather than the fewest claims", () => {
    const team = [
      adjuster({ adjusterId: "part-time", capacity: 8, activeClaims: 2 }),
      adjuster({ adjusterId: "full-time", capacity: 16, activeClaims: 3 }),
    ];
    const result = chooseAdjuster(request, team);
    expect(result).toEqual(
      E.right({
        adjusterId: "full-time",
        loadRatio: 3 / 16,
        explanation:
          "full-time handles motor_own_damage in Beijing up to complexity 3 (claim: 2); load 3/16 is the lowest of 2 eligible adjuster(s)",
      }),
    );
  });

  it("breaks a load-ratio tie by fewer active claims", () => {
    const team = [
      adjuster({ adjusterId: "a", capacity: 16, activeClaims: 2 }),
      adjuster({ adjusterId: "b", capacity: 8, activeClaims: 1 }),
    ];
    expect(chosenId(request, team)).toBe("b");
  });

  it("breaks a full tie by adjuster id, whatever the input order", () => {
    const team = [
      adjuster({ adjusterId: "adj-9", activeClaims: 3 }),
      adjuster({ adjusterId: "adj-10", activeClaims: 3 }),
      adjuster({ adjusterId: "adj-2", activeClaims: 3 }),
    ];
    expect(chosenId(request, team)).toBe("adj-10");
    expect(chosenId(request, [...team].reverse())).toBe("adj-10");
  });

  it("returns assignment.no_eligible_adjuster with why each adjuster was excluded", () => {
    const team = [
      adjuster({ adjusterId: "home", lines: ["property"], regions: ["Moscow"] }),
      adjuster({ adjusterId: "full", available: false, capacity: 4, activeClaims: 4 }),
    ];
    const result = chooseAdjuster({ ...request, complexity: 4, language: "ru" }, team);
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: "assignment.no_eligible_adjuster",
          details: expect.objectContaining({
            excluded: [
              {
                adjusterId: "home",
                reasons: [
                  "line_not_handled",
                  "region_not_covered",
                  "complexity_too_high",
                  "language_not_spoken",
                ],
              },
              {
                adjusterId: "full",
                reasons: [
                  "unavailable",
                  "complexity_too_high",
                  "language_not_spoken",
                  "at_capacity",
                ],
              },
            ],
          }),
        }),
      ),
    );
  });

  it("returns assignment.no_eligible_adjuster for an empty team", () => {
    expect(chooseAdjuster(request, [])).toEqual(
      E.left(
        expect.objectContaining({
          code: "assignment.no_eligible_adjuster",
          message: "No adjusters to choose from",
        }),
      ),
    );
  });

  it("property: never picks an ineligible or full adjuster, and always one with a minimal load ratio", () => {
    fc.assert(
      fc.property(assignmentRequestArb, teamArb, (req, team) => {
        const result = chooseAdjuster(req, team);
        const eligible = team.filter((a) => exclusionReasons(req, a).length === 0);
        if (E.isLeft(result)) {
          expect(eligible).toEqual([]);
          return;
        }
        const chosen = team.find((a) => a.adjusterId === result.right.adjusterId)!;
        expect(exclusionReasons(req, chosen)).toEqual([]);
        expect(chosen.available).toBe(true);
        expect(chosen.activeClaims).toBeLessThan(chosen.capacity);
        for (const other of eligible) {
          expect(chosen.activeClaims * other.capacity).toBeLessThanOrEqual(
            other.activeClaims * chosen.capacity,
          );
        }
      }),
    );
  });

  it("property: whom it picks does not depend on the order of the team", () => {
    fc.assert(
      fc.property(
        assignmentRequestArb,
        teamArb,
        fc.infiniteStream(fc.nat()),
        (req, team, seeds) => {
          const shuffled = team
            .map((a) => ({ a, key: seeds.next().value }))
            .sort((x, y) => x.key - y.key)
            .map(({ a }) => a);
          const original = chooseAdjuster(req, team);
          const reordered = chooseAdjuster(req, shuffled);
          if (E.isRight(original)) expect(reordered).toEqual(original);
          else expect(E.isLeft(reordered)).toBe(true);
        },
      ),
    );
  });
});

describe("exclusionReasons", () => {
  it("property: an adjuster is excluded as at_capacity exactly when active claims reach capacity", () => {
    fc.assert(
      fc.property(assignmentRequestArb, adjusterArb, (req, a) => {
        expect(exclusionReasons(req, a).includes("at_capacity")).toBe(a.activeClaims >= a.capacity);
      }),
    );
  });
});

describe("AdjusterProfileSchema", () => {
  it("gives a surveyor a capacity of 16 active claims by default", () => {
    const parsed = AdjusterProfileSchema.parse({
      adjusterId: "adj-1",
      lines: ["motor_own_damage"],
      regions: ["Beijing"],
      maxComplexity: 3,
      languages: ["zh"],
      activeClaims: 0,
      available: true,
    });
    expect(parsed.capacity).toBe(16);
  });

  it("refuses a complexity above 5 and a capacity of zero", () => {
    const base = adjuster({ adjusterId: "adj-1" });
    expect(AdjusterProfileSchema.safeParse({ ...base, maxComplexity: 6 }).success).toBe(false);
    expect(AdjusterProfileSchema.safeParse({ ...base, capacity: 0 }).success).toBe(false);
  });
});
