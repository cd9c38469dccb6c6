import { z } from "zod";

/** Jurisdictions whose business calendars and regulatory deadlines ship with the domain. */
export const JurisdictionSchema = z.enum(["CN", "RU", "US-CA"]);
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

/** Lines of business. Motor lines carry an insured vehicle. */
export const LineOfBusinessSchema = z.enum([
  "motor_own_damage",
  "motor_liability",
  "property",
  "travel",
]);
export type LineOfBusiness = z.infer<typeof LineOfBusinessSchema>;

/** Perils a policy may cover and a loss may be caused by. */
export const PerilSchema = z.enum([
  "collision",
  "theft",
  "fire",
  "flood",
  "hail",
  "glass",
  "vandalism",
  "third_party_liability",
  "other",
]);
export type Peril = z.infer<typeof PerilSchema>;

/** Cost types of reserves and payments: indemnity (the loss itself) and expense (handling cost). */
export const CostTypeSchema = z.enum(["indemnity", "expense"]);
export type CostType = z.infer<typeof CostTypeSchema>;

/** Roles of the people and systems acting on claims. */
export const RoleSchema = z.enum([
  "admin",
  "handler",
  "adjuster",
  "finance",
  "finance_manager",
  "analyst",
  "auditor",
  "integrator",
  "shop",
]);
export type Role = z.infer<typeof RoleSchema>;
