/**
 * Where distillation helped: two students' accuracy class by class on the same test rows, each
 * difference with its paired 95 % interval and McNemar p, the p-values Holm-adjusted over the
 * classes (ten classes are ten chances for one to look different by luck).
 */
import { formatP, interval, signedPoints } from '../significance/describe';
import { holmAdjust } from '../significance/holm';
import { type PairedDifference, pairedDifference } from '../significance/paired';

export interface ClassGain extends PairedDifference {
  label: number;
  /** Each student's accuracy on the class's test rows. */
  first: number;
  second: number;
  /** McNemar's p Holm-adjusted over the classes. */
  pHolm: number;
}

/** Per class: the first predictions' accuracy minus the second's, on the rows of that class. */
export function perClassGains(
  labels: Int32Array,
  first: Int32Array,
  second: Int32Array,
  classes: number,
): ClassGain[] {
  const n = new Array<number>(classes).fill(0);
  const rightFirst = new Array<number>(classes).fill(0);
  const rightSecond = new Array<number>(classes).fill(0);
  const onlyFirst = new Array<number>(classes).fill(0);
  const onlySecond = new Array<number>(classes).fill(0);
  for (let r = 0; r < labels.length; r++) {
    const c = labels[r] as number;
    const a = first[r] === c;
    const b = second[r] === c;
    n[c] = (n[c] ?? 0) + 1;
    if (a) rightFirst[c] = (rightFirst[c] ?? 0) + 1;
    if (b) rightSecond[c] = (rightSecond[c] ?? 0) + 1;
    if (a && !b) onlyFirst[c] = (onlyFirst[c] ?? 0) + 1;
    if (b && !a) onlySecond[c] = (onlySecond[c] ?? 0) + 1;
  }
  const gains = Array.from({ length: classes }, (_, c) => {
    const rows = n[c] ?? 0;
    const counts = { n: rows, onlyFirst: onlyFirst[c] ?? 0, onlySecond: onlySecond[c] ?? 0 };
    return {
      ...pairedDifference(counts),
      label: c,
      first: rows > 0 ? (rightFirst[c] ?? 0) / rows : Number.NaN,
      second: rows > 0 ? (rightSecond[c] ?? 0) / rows : Number.NaN,
    };
  });
  const adjusted = holmAdjust(gains.map((g) => g.p));
  return gains.map((g, i) => ({ ...g, pHolm: adjusted[i] ?? 1 }));
}

/** The class with the largest gain and the one with the largest loss (null where none is). */
export function extremeClasses(gains: readonly ClassGain[]): {
  helped: ClassGain | null;
  hurt: ClassGain | null;
} {
  const seen = gains.filter((g) => g.n > 0);
  const best = seen.reduce<ClassGain | null>(
    (m, g) => (!m || g.difference > m.difference ? g : m),
    null,
  );
  const worst = seen.reduce<ClassGain | null>(
    (m, g) => (!m || g.difference < m.difference ? g : m),
    null,
  );
  return {
    helped: best && best.difference > 0 ? best : null,
    hurt: worst && worst.difference < 0 ? worst : null,
  };
}

/** Whether a class's difference survives the adjustment: Holm p < 0.05 and an interval off zero. */
export const isClear = (g: ClassGain): boolean => g.pHolm < 0.05 && (g.low > 0 || g.high < 0);

/**
 * "Compared class by class, KD gained most on Shirt (+8.5 points, 95 % CI +3.1 to +13.9,
 * Holm p = 0.012) and lost most on Bag (…: could be noise)." Null when no class differs.
 */
export function describeExtremes(
  gains: readonly ClassGain[],
  name: (c: number) => string,
  student: string,
): string | null {
  const { helped, hurt } = extremeClasses(gains);
  const one = (g: ClassGain) =>
    `${name(g.label)} (${signedPoints(g.difference)} points, ${interval(g.low, g.high)}, Holm ${formatP(g.pHolm)}${isClear(g) ? '' : ': could be noise'})`;
  const parts = [
    ...(helped ? [`gained most on ${one(helped)}`] : []),
    ...(hurt ? [`lost most on ${one(hurt)}`] : []),
  ];
  return parts.length > 0 ? `Compared class by class, ${student} ${parts.join(' and ')}.` : null;
}
