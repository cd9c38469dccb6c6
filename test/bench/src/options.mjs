/** Command-line options of `npm run bench`. */

const HELP = `npm run bench [-- options]
  --quick            smoke run (< 60 s): tiny sizes, no warm-up, 1 repetition; writes
                     results/quick.json only
  --scale=F          multiply the full sizes by F (e.g. 0.25); recorded in the results
  --size=N:COUNT     the size of measure N (events, commands or reads), e.g. --size=6:50000
  --only=1,5         run only these measures
  --repetitions=N    timed repetitions per measure (default 5; --quick: 1)
  --profile          run our contender under --cpu-prof (profiles in test/bench/results/)`;

/** Parses `argv` (without node and the script). */
export const parseOptions = (argv) => {
  const options = {
    quick: false,
    scale: 1,
    sizes: {},
    only: undefined,
    repetitions: 5,
    profile: false,
  };
  for (const arg of argv) {
    const [name, value] = arg.split("=");
    if (name === "--quick") options.quick = true;
    else if (name === "--scale") options.scale = Number(value);
    else if (name === "--size") {
      const [measure, count] = value.split(":").map(Number);
      options.sizes[measure] = count;
    } else if (name === "--only") options.only = new Set(value.split(",").map(Number));
    else if (name === "--repetitions") options.repetitions = Number(value);
    else if (name === "--profile") options.profile = true;
    else if (name === "--help") {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}\n${HELP}`);
  }
  if (options.quick && !argv.some((arg) => arg.startsWith("--repetitions")))
    options.repetitions = 1;
  if (!(options.scale > 0) || !(options.repetitions >= 1)) throw new Error(HELP);
  return options;
};
