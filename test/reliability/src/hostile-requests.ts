import fc from "fast-check";
import { ADMIN_KEY, scopedKey } from "./api-keys.js";
import { registerClaim, setReserve } from "./claim-commands.js";

/** One generated request: a route of the API called with hostile parts. */
export interface HostileRequest {
  /** `METHOD /path/{param}`, as the OpenAPI document names the route. */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly key?: string;
  readonly headers: Record<string, string>;
  readonly raw?: string;
  readonly contentType?: string;
  /** What the body is, for the figures. */
  readonly kind: string;
}

const INJECTIONS = [
  "'; DROP TABLE eventstore.events; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; SELECT pg_sleep(10)",
  "$1",
  "%00",
  "../../../../etc/passwd",
  '{"$where": "sleep(1000)"}',
  '{"__proto__":{"polluted":true}}',
  "<script>alert(1)</script>",
  // A log-injection probe, sent as plain text (not a template).
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack.
  "${jndi:ldap://127.0.0.1/a}",
  "\u0000",
  "\ud800",
  "\u202e\u0041\u0042",
  "😀".repeat(50),
  "NaN",
  "Infinity",
  "-0",
  "1e999",
  "null",
];

/** Strings a hostile client sends: unicode of every kind, injections, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(...INJECTIONS),
  fc.integer({ min: 1000, max: 300_000 }).map((length) => "A".repeat(length)),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 0.1 + 0.2, -0),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((value) => Number(value)),
);

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];
const hostileKey = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  hostileString.filter((text) => text.length < 100),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 }),
  ),
})).value;

// A real command with one field swapped for a hostile value: reaches deep into validation.
const mutatedCommand = fc
  .tuple(
    fc.constantFrom<object>(
      registerClaim("C-HOSTILE-NEW", "P-HOSTILE", "north-star"),
      setReserve(1),
    ),
    hostileKey,
    hostileValue,
  )
  .map(([command, field, value]) => {
    const keys = Object.keys(command);
    const target = keys[Math.abs(field.length) % keys.length] as string;
    return `{${[...keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(key === target ? value : (command as Record<string, unknown>)[key])}`), `${JSON.stringify(field)}:${JSON.stringify(value) ?? "null"}`].join(",")}}`;
  });

const deepNesting = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? `${"[".repeat(depth)}${"]".repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

const bodies = fc.oneof(
  fc.record({
    kind: fc.constant("json"),
    raw: hostileValue.map((value) => JSON.stringify(value) ?? "null"),
  }),
  fc.record({ kind: fc.constant("mutated command"), raw: mutatedCommand }),
  fc.record({
    kind: fc.constant("prototype keys"),
    raw: fc.constantFrom(
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"type":"SetReserve","__proto__":null}',
    ),
  }),
  fc.record({ kind: fc.constant("deep nesting"), raw: deepNesting }),
  fc.record({ kind: fc.constant("garbage"), raw: hostileString }),
  fc.record({
    kind: fc.constant("oversized"),
    raw: fc.constant(`{"x":"${"x".repeat(1_100_000)}"}`),
  }),
  fc.record({ kind: fc.constant("empty"), raw: fc.constant("") }),
);

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "text/plain",
  "application/xml",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/problem+json",
  "*/*",
];

const asciiHeader = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 300,
  }),
  fc.constantFrom('"1"', '"999999999999999"', 'W/"0"', "*", '"-1"', '"1", "2"', "1e3"),
);

// A lone surrogate cannot be percent-encoded: it goes out as U+FFFD, as a browser would send it.
const fill = (template: string, value: string) =>
  template.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent(Buffer.from(value, "utf8").toString("utf8")).slice(0, 8000),
  );

/**
 * Hostile requests over `routes` (`METHOD /path/{param}` as the OpenAPI document names them):
 * hostile path parameters and query strings, odd `If-Match`/`Idempotency-Key`/`Last-Event-ID`/`Accept`,
 * JSON with prototype-pollution keys, deep nesting, huge strings and numbers, injections,
 * oversized bodies and wrong content types; mostly with an admin key so they reach validation.
 */
export const hostileRequest = (routes: readonly string[]): fc.Arbitrary<HostileRequest> =>
  fc
    .record({
      // Writes take bodies: they are where hostile input does harm, so they come up more often.
      route: fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constantFrom(...routes.filter((route) => route.startsWith("POST"))),
        },
        { weight: 1, arbitrary: fc.constantFrom(...routes) },
      ),
      param: fc.oneof(fc.constant("C-HOSTILE"), hostileString),
      query: fc.option(fc.dictionary(hostileKey, hostileString, { maxKeys: 4 }), {
        nil: undefined,
      }),
      key: fc.oneof(
        { weight: 6, arbitrary: fc.constant(ADMIN_KEY) },
        { weight: 1, arbitrary: fc.constant(scopedKey("handler", "north-star")) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: asciiHeader },
      ),
      ifMatch: fc.option(asciiHeader, { nil: undefined }),
      idempotencyKey: fc.option(asciiHeader, { nil: undefined }),
      lastEventId: fc.option(asciiHeader, { nil: undefined }),
      csv: fc.boolean(),
      body: fc.option(bodies, { nil: undefined, freq: 8 }),
      contentType: fc.constantFrom(...CONTENT_TYPES),
    })
    .map((parts) => {
      const { route, param, query, key, ifMatch, idempotencyKey, lastEventId, csv } = parts;
      const { body, contentType } = parts;
      const [method, template] = route.split(" ") as [string, string];
      const search =
        query === undefined
          ? ""
          : `?${new URLSearchParams(Object.entries(query)).toString().slice(0, 8000)}`;
      const headers: Record<string, string> = {};
      if (ifMatch !== undefined) headers["if-match"] = ifMatch;
      if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
      if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
      if (csv) headers.accept = "text/csv";
      return {
        route,
        method,
        path: `${fill(template, param)}${search}`,
        ...(key === undefined ? {} : { key }),
        headers,
        ...(body === undefined || method === "GET" ? {} : { raw: body.raw, contentType }),
        kind: body === undefined || method === "GET" ? "no body" : body.kind,
      };
    });
