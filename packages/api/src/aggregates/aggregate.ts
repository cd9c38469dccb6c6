import type { Decider, DomainErrorCode, Role } from "@claimstream/domain";
import type { DomainEventLike } from "@claimstream/eventstore";
import type { z } from "zod";
import type { Permission } from "../auth/permissions.js";

/** The aggregates the API serves, by the name the process manager uses. */
export type AggregateName = "policy" | "claim" | "repair-order" | "payout";

/** A command of any aggregate, after validation. */
export interface AnyCommand {
  readonly type: string;
  readonly occurredAt: string;
  readonly [field: string]: unknown;
}

/** Which caller fact fills a command field the caller left out (`requestedBy`, `approverRole` …). */
export type ActorField = "id" | "role";

/**
 * One aggregate as the API sees it: where it lives in URLs and streams, how its commands are
 * validated and authorised, and how it decides. Built by {@link defineAggregate}.
 */
export interface Aggregate {
  readonly name: AggregateName;
  /** The URL collection: `/v1/{collection}`. */
  readonly collection: string;
  /** For messages and docs: `Claim`, `Repair order` … */
  readonly label: string;
  /** The creation command (`POST /v1/{collection}`). */
  readonly createCommandType: string;
  /** The field of the creation command holding the aggregate id (`claimId` …). */
  readonly idField: string;
  /** Every command type, creation first. */
  readonly commandTypes: readonly string[];
  readonly notFoundCode: DomainErrorCode;
  readonly readPermission: Permission;
  readonly decider: Decider<AnyCommand, DomainEventLike, unknown>;
  /** The union of every command schema (for OpenAPI). */
  readonly commandSchema: z.ZodType;
  streamId(id: string): string;
  /** The schema of one command type, or `undefined` for an unknown type. */
  schemaOf(type: string): z.ZodType | undefined;
  /** The permission a command type needs. */
  permissionOf(type: string): Permission;
  /** Fields filled from the caller (and checked against it) per command type. */
  actorFieldsOf(type: string): Readonly<Record<string, ActorField>>;
  /**
   * Fields of a command type that name another aggregate, with that aggregate's name
   * (`RequestPayout`: `{ claimId: "claim" }`). The command service checks each against the
   * caller's insurer: the authorisation rule for references (docs/api.md).
   */
  referencesOf(type: string): Readonly<Record<string, AggregateName>>;
  /** Commands only the system sends (the process manager, the deadline scheduler). */
  isSystemCommand(type: string): boolean;
}

/** What {@link defineAggregate} needs: the typed decider and schemas of one aggregate. */
export interface AggregateDefinition<C extends { readonly type: string }, E, S> {
  readonly name: AggregateName;
  readonly collection: string;
  readonly label: string;
  readonly idField: string;
  readonly notFoundCode: DomainErrorCode;
  readonly readPermission: Permission;
  readonly decider: Decider<C, E, S>;
  /** A zod discriminated union on `type`, creation command first. */
  readonly commandSchema: z.ZodDiscriminatedUnion<readonly z.ZodObject[]>;
  streamId(id: string): string;
  /** Permission per command type; types not listed need `defaultPermission`. */
  readonly permissions: Readonly<Partial<Record<C["type"], Permission>>>;
  readonly defaultPermission: Permission;
  readonly actorFields?: Readonly<Partial<Record<C["type"], Readonly<Record<string, ActorField>>>>>;
  readonly references?: Readonly<
    Partial<Record<C["type"], Readonly<Record<string, AggregateName>>>>
  >;
  readonly systemCommands?: readonly C["type"][];
}

const literalType = (schema: z.ZodObject): string => {
  const type = schema.shape.type as z.ZodLiteral<string>;
  return type.value;
};

/**
 * Erases an aggregate's command, event and state types behind the {@link Aggregate} view.
 * Sound because the API only hands `decide` commands parsed by the same aggregate's schema.
 */
export const defineAggregate = <C extends { readonly type: string }, E, S>(
  definition: AggregateDefinition<C, E, S>,
): Aggregate => {
  const schemas = new Map(
    definition.commandSchema.options.map((schema) => [literalType(schema), schema] as const),
  );
  const commandTypes = [...schemas.keys()];
  const permissions: Readonly<Record<string, Permission | undefined>> = definition.permissions;
  const actorFields: Readonly<Record<string, Readonly<Record<string, ActorField>> | undefined>> =
    definition.actorFields ?? {};
  const references: Readonly<Record<string, Readonly<Record<string, AggregateName>> | undefined>> =
    definition.references ?? {};
  const systemCommands: ReadonlySet<string> = new Set(definition.systemCommands ?? []);
  return {
    name: definition.name,
    collection: definition.collection,
    label: definition.label,
    createCommandType: commandTypes[0] ?? "",
    idField: definition.idField,
    commandTypes,
    notFoundCode: definition.notFoundCode,
    readPermission: definition.readPermission,
    decider: definition.decider as unknown as Decider<AnyCommand, DomainEventLike, unknown>,
    commandSchema: definition.commandSchema,
    streamId: definition.streamId,
    schemaOf: (type) => schemas.get(type),
    permissionOf: (type) => permissions[type] ?? definition.defaultPermission,
    actorFieldsOf: (type) => actorFields[type] ?? {},
    referencesOf: (type) => references[type] ?? {},
    isSystemCommand: (type) => systemCommands.has(type),
  };
};

/** Can this role act as any actor (back-filling history recorded by others)? */
export const mayActForOthers = (role: Role): boolean => role === "admin";
