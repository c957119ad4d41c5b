/**
 * Registered for every unit test (vite.config.ts `setupFiles`): two training costs are equal when
 * everything but their measured `seconds` is. Time in the worker is the one figure of a run that a
 * seed does not determine, so the tests that compare two runs of a seed compare what it does.
 */
import { expect } from 'vitest';

function isTrainingCost(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && 'flops' in x && 'seconds' in x && 'samples' in x;
}

expect.addEqualityTesters([
  function untimed(a: unknown, b: unknown, testers) {
    if (!isTrainingCost(a) || !isTrainingCost(b)) return undefined;
    const { seconds: _a, ...restA } = a;
    const { seconds: _b, ...restB } = b;
    // Timed or not must still agree: a missing time is a different record.
    if ((_a === null) !== (_b === null)) return false;
    return this.equals(restA, restB, testers);
  },
]);
