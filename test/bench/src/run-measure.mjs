/**
 * Runs one measure: setup in each contender's process, a warm-up (repetition 0, discarded;
 * skipped by `--quick`),
 * then the timed repetitions with the contenders' order rotated each time (so none always
 * runs first, on a colder or warmer server), then teardown. Returns per contender the
 * summary of `value` and of every other numeric field the repetitions returned, and what
 * each contender's teardown reported (`extras`).
 */
import { summarize } from "./statistics.mjs";

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

const summarizeRuns = (runs) => {
  const fields = Object.keys(runs[0]).filter((key) => typeof runs[0][key] === "number");
  return Object.fromEntries(fields.map((key) => [key, summarize(runs.map((run) => run[key]))]));
};

/** Runs `measure` with `params` on the hosts; logs progress to stderr. */
export const runMeasure = async (measure, hosts, params, { repetitions, warmUp }) => {
  const log = (text) => process.stderr.write(`[bench] ${measure.number}: ${text}\n`);
  const { contenders } = measure;
  const started = Date.now();
  for (const name of contenders) await hosts[name].call("setup", measure.id, params);
  const runs = Object.fromEntries(contenders.map((name) => [name, []]));
  for (let repetition = warmUp ? 0 : 1; repetition <= repetitions; repetition += 1) {
    const order = measure.fixedOrder ? contenders : rotate(contenders, repetition);
    for (const name of order) {
      const result = await hosts[name].call("run", measure.id, { repetition });
      log(
        `${repetition === 0 ? "warm-up" : `#${repetition}`} ${name} ${result.value.toFixed(1)} ${measure.unit}`,
      );
      if (repetition > 0) runs[name].push(result);
    }
  }
  const extras = {};
  for (const name of contenders) {
    const extra = await hosts[name].call("teardown", measure.id);
    if (extra !== null) extras[name] = extra;
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const results = Object.fromEntries(contenders.map((name) => [name, summarizeRuns(runs[name])]));
  return { results, extras };
};
