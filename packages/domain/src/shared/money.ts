import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { type DomainError, domainError } from "./errors.js";

/** ISO 4217 alphabetic currency code, e.g. `"CNY"`, `"RUB"`, `"USD"`. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as CNY");
export type Currency = z.infer<typeof CurrencySchema>;

/**
 * An amount of money in integer minor units (fen, kopecks, cents) plus its currency.
 * Floats never enter money paths.
 *
 * @example
 * ```ts
 * const fee: Money = { amount: 125000, currency: "RUB" }; // 1,250.00 RUB
 * ```
 */
export const MoneySchema = z
  .object({
    amount: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
    currency: CurrencySchema,
  })
  .strict();
export type Money = z.infer<typeof MoneySchema>;

/** A {@link MoneySchema} that refuses negative amounts. */
export const NonNegativeMoneySchema = MoneySchema.refine((m) => m.amount >= 0, {
  message: "amount must not be negative",
});

/** A {@link MoneySchema} that only accepts amounts above zero. */
export const PositiveMoneySchema = MoneySchema.refine((m) => m.amount > 0, {
  message: "amount must be positive",
});

/** Builds a money value. `money(1500, "CNY")` is 15.00 CNY. */
export const money = (amount: number, currency: Currency): Money => ({ amount, currency });

/** Zero in the given currency. */
export const zeroMoney = (currency: Currency): Money => ({ amount: 0, currency });

const mismatch = (a: Money, b: Money): DomainError =>
  domainError("money.currency_mismatch", `Cannot combine ${a.currency} with ${b.currency}`, {
    left: a.currency,
    right: b.currency,
  });

/** Same currency? */
export const sameCurrency = (a: Money, b: Money): boolean => a.currency === b.currency;

/** `a + b`, or `money.currency_mismatch`. */
export const addMoney = (a: Money, b: Money): E.Either<DomainError, Money> =>
  sameCurrency(a, b)
    ? E.right({ amount: a.amount + b.amount, currency: a.currency })
    : E.left(mismatch(a, b));

/** `a - b`, or `money.currency_mismatch`. */
export const subtractMoney = (a: Money, b: Money): E.Either<DomainError, Money> =>
  sameCurrency(a, b)
    ? E.right({ amount: a.amount - b.amount, currency: a.currency })
    : E.left(mismatch(a, b));

/** Compares two amounts of one currency: negative, zero or positive; or `money.currency_mismatch`. */
export const compareMoney = (a: Money, b: Money): E.Either<DomainError, number> =>
  sameCurrency(a, b) ? E.right(Math.sign(a.amount - b.amount)) : E.left(mismatch(a, b));

/** Sums amounts of one currency; an empty list sums to zero in `currency`. */
export const sumMoney = (
  currency: Currency,
  amounts: readonly Money[],
): E.Either<DomainError, Money> =>
  amounts.reduce<E.Either<DomainError, Money>>(
    (acc, m) => (E.isLeft(acc) ? acc : addMoney(acc.right, m)),
    E.right(zeroMoney(currency)),
  );

/** Negates an amount. */
export const negateMoney = (m: Money): Money => ({ amount: -m.amount, currency: m.currency });

/**
 * A share of an amount given in basis points (1 % = 100 bp), rounded half away from zero
 * to the minor unit. Integer arithmetic only.
 */
export const percentOfMoney = (m: Money, basisPoints: number): Money => {
  const scaled = BigInt(m.amount) * BigInt(basisPoints);
  const sign = scaled < 0n ? -1n : 1n;
  const abs = scaled * sign;
  const rounded = (abs + 5000n) / 10000n;
  return { amount: Number(rounded * sign), currency: m.currency };
};

/** Formats minor units for people: `formatMoney(money(123456, "RUB"))` is `"1234.56 RUB"`. */
export const formatMoney = (m: Money, minorDigits = 2): string => {
  const sign = m.amount < 0 ? "-" : "";
  const abs = Math.abs(m.amount)
    .toString()
    .padStart(minorDigits + 1, "0");
  const major = abs.slice(0, abs.length - minorDigits);
  const minor = abs.slice(abs.length - minorDigits);
  return `${sign}${major}${minorDigits > 0 ? `.${minor}` : ""} ${m.currency}`;
};

/**
 * Checks that every amount is in `currency` (an aggregate's currency): the first that is not
 * gives `money.currency_mismatch` with details `{ expected, actual }`.
 *
 * @example
 * ```ts
 * requireCurrency("CNY", [money(100, "CNY"), money(5, "RUB")]);
 * // E.left({ code: "money.currency_mismatch", details: { expected: "CNY", actual: "RUB" }, … })
 * ```
 */
export const requireCurrency = (
  currency: Currency,
  amounts: readonly Money[],
): E.Either<DomainError, void> => {
  const other = amounts.find((m) => m.currency !== currency);
  return other === undefined
    ? E.right(undefined)
    : E.left(
        domainError("money.currency_mismatch", `Expected ${currency}, not ${other.currency}`, {
          expected: currency,
          actual: other.currency,
        }),
      );
};
