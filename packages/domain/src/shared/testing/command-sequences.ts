/**
 * fast-check helpers for decider property tests. Test-only: excluded from the build.
 */
import fc from "fast-check";

/** Instants from 2026-01-01 on, `minutes` apart: `instantAt(0)` is `2026-01-01T00:00:00.000Z`. */
export const instantAt = (minutes: number): string =>
  new Date(Date.parse("2026-01-01T00:00:00Z") + minutes * 60_000).toISOString();

/**
 * A command sequence that follows `path` (some of its steps dropped) with random `noise`
 * commands slipped in anywhere: deep enough to reach late statuses, messy enough to hit
 * every rejection. Each command is re-stamped with an increasing `occurredAt`, except that
 * noise commands may keep their own (possibly earlier) time.
 */
export const pathWithNoise = <C extends { readonly occurredAt: string }>(
  path: readonly C[],
  noise: fc.Arbitrary<C>,
  maxNoise = 25,
): fc.Arbitrary<C[]> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: path.length, maxLength: path.length }),
      fc.array(fc.tuple(fc.nat({ max: path.length }), noise, fc.boolean()), {
        maxLength: maxNoise,
      }),
    )
    .map(([keep, extras]) => {
      const slots: { slot: number; command: C; ownTime: boolean }[] = [];
      path.forEach((command, index) => {
        if ((keep[index] ?? 1) > 0) slots.push({ slot: index, command, ownTime: false });
      });
      for (const [slot, command, ownTime] of extras)
        slots.push({ slot: slot - 0.5, command, ownTime });
      slots.sort((a, b) => a.slot - b.slot);
      return slots.map(({ command, ownTime }, index) =>
        ownTime ? command : { ...command, occurredAt: instantAt(index * 60) },
      );
    });
