/**
 * A contender's process. Each contender (ours, Emmett, the limit) runs in its own Node process,
 * so that one's global state cannot slow another: Emmett's database layer replaces `pg`'s
 * type parsers process-wide (int8 → BigInt, its own JSON parser), which would otherwise apply
 * to our store's queries too.
 *
 * Protocol (IPC): `{ id, op: "setup" | "run" | "teardown", measure, params }` →
 * `{ id, result }` or `{ id, error }`. A measure module exports one
 * `{ setup(params), run(state, repetition), teardown?(state) }` per contender.
 */
const contender = process.argv[2];
const states = new Map();

const handle = async ({ op, measure, params }) => {
  const module = await import(`../measures/${measure}.mjs`);
  const implementation = module[contender];
  if (implementation === undefined) throw new Error(`${measure} has no ${contender} contender`);
  if (op === "setup") {
    states.set(measure, await implementation.setup(params));
    return null;
  }
  const state = states.get(measure);
  if (op === "run") return implementation.run(state, params.repetition);
  if (op === "teardown") {
    states.delete(measure);
    return (await implementation.teardown?.(state)) ?? null;
  }
  throw new Error(`unknown op ${op}`);
};

// A repetition drops its database `WITH (FORCE)`, which terminates the connections a
// contender's pool still keeps idle (SQLSTATE 57P01). Emmett's pool (inside its database
// layer) has no error listener for them, so the 'error' would kill this process mid-run.
// Those terminations are expected; anything else still crashes the process.
process.on("uncaughtException", (error) => {
  if (error?.code === "57P01") return;
  console.error(error);
  process.exit(1);
});

process.on("message", (message) => {
  handle(message).then(
    (result) => process.send({ id: message.id, result }),
    (error) => process.send({ id: message.id, error: error?.stack ?? String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
