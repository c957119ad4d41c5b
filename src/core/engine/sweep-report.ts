/**
 * What a trained sweep reports: each T × α cell's student, or each capacity network's KD student
 * and scratch twin, evaluated on the test set and compared row by row with its reference.
 */
import { sizeLabel } from '../capacity';
import type { Experiment } from './experiment';
import { predictorParameters } from './ready-teacher';
import type { SweepCell, SweepPoint, SweepSize } from '../sweep-results';

/**
 * Reports each cell of a trained T × α grid as it is evaluated; `curves` holds every student's, the
 * scratch student's last.
 */
export async function reportCells(
  sweep: Experiment,
  curves: readonly SweepPoint[][],
  onCell: (cell: SweepCell, done: number, total: number) => void,
): Promise<void> {
  const cells = curves.length - 1;
  const scratch = sweep.studentAt(cells).trainer.model;
  const reference = {
    accuracy: (await sweep.evaluate(scratch)).accuracy,
    curve: curves[cells] ?? [],
  };
  for (let i = 0; i < cells; i++) {
    const student = sweep.studentAt(i);
    const { temperature = 0, alpha = 0 } = student.spec;
    const { accuracy, agreement = Number.NaN } = await sweep.evaluate(student.trainer.model);
    const paired = (await sweep.compareOnTest(student.trainer.model, scratch)).accuracy;
    const curve = curves[i] ?? [];
    onCell({ temperature, alpha, accuracy, agreement, curve, paired, reference }, i + 1, cells);
  }
}

/** Reports each network of a trained capacity sweep: its KD student (even places), its twin next. */
export async function reportSizes(
  sweep: Experiment,
  sizes: readonly (readonly number[])[],
  curves: readonly SweepPoint[][],
  onSize: (size: SweepSize, done: number, total: number) => void,
): Promise<void> {
  for (const [i, widths] of sizes.entries()) {
    const [kd, scratch] = [sweep.studentAt(2 * i), sweep.studentAt(2 * i + 1)];
    const distilled = await sweep.evaluate(kd.trainer.model);
    const size: SweepSize = {
      hidden: sizeLabel(widths),
      parameters: predictorParameters(sweep.predictorOf(2 * i)),
      distilled: {
        accuracy: distilled.accuracy,
        agreement: distilled.agreement ?? Number.NaN,
        curve: curves[2 * i] ?? [],
      },
      scratch: {
        accuracy: (await sweep.evaluate(scratch.trainer.model)).accuracy,
        curve: curves[2 * i + 1] ?? [],
      },
      paired: (await sweep.compareOnTest(kd.trainer.model, scratch.trainer.model)).accuracy,
    };
    onSize(size, i + 1, sizes.length);
  }
}
