/**
 * The claim decider behind each contender's command handling: ours through
 * `createCommandHandler`, Emmett's through its `CommandHandler` (the same decide and evolve,
 * adapted to its `{ type, data }` events).
 */
import { claimDecider } from "@claimstream/domain";
import { createCommandHandler } from "@claimstream/eventstore";
import { metadataOf } from "../workload/event-shapes.mjs";

/** Our command handler on `store`; resolves `Right` or throws on a refusal. */
export const ourClaimHandler = (store) => {
  const handle = createCommandHandler({ store, decider: claimDecider });
  return async (stream, command) => {
    const result = await handle(stream, command);
    if (result._tag === "Left") throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right;
  };
};

/** Emmett's fold of the claim: its events carry the domain event as `data`. */
export const emmettClaimFold = {
  evolve: (state, event) => claimDecider.evolve(state, event.data),
  initialState: () => claimDecider.initialState,
};

/** Emmett's command handler on `store` with the claim decider; throws on a refusal. */
export const emmettClaimHandler = (store, CommandHandler) => {
  const handle = CommandHandler(emmettClaimFold);
  return (stream, command) =>
    handle(store, stream, (state) => {
      const result = claimDecider.decide(command, state);
      if (result._tag === "Left") throw new Error(`refused: ${JSON.stringify(result.left)}`);
      return result.right.map((event) => ({
        type: event.type,
        data: event,
        metadata: metadataOf(event),
      }));
    });
};
