import { z } from "zod";

/** A vehicle identification number: 17 characters, no I, O or Q; upper-cased on parse. */
export const VinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, "a 17-character VIN");

/** A registration plate as written on the car. */
export const PlateSchema = z.string().trim().min(1).max(20);

/** The fields that identify a vehicle; each optional, compared by the coverage check. */
export const vehicleIdentityShape = {
  vin: VinSchema.optional(),
  plate: PlateSchema.optional(),
};
