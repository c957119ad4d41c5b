import { ON_CHIP_BYTES } from '../../core/cost/energy';
import { useRunStore } from '../../state/run-store';
import { useModels } from '../charts/useSeries';
import { teacherCostSentence } from '../../core/cost/cost-text';

/**
 * Under the table: what the teacher cost against a student, and how the energy figures are made —
 * an estimate from counts with its source and its assumptions, never a measurement.
 */
export function CostNote() {
  const summary = useRunStore((s) => s.run?.summary);
  const { ids, look } = useModels();
  const studentId = ids.includes('distilled') ? 'distilled' : ids.find((id) => id !== 'teacher');
  const student = studentId ? summary?.[studentId]?.training : undefined;
  const sentence = teacherCostSentence(
    summary?.teacher?.training,
    student && studentId ? { name: look(studentId).name, cost: student } : undefined,
  );
  return (
    <p className="latency-note" data-testid="cost-note">
      {sentence && <>{sentence} </>}
      Energy is <strong>estimated, not measured</strong>: every multiply–add at the precision&apos;s
      cost plus every weight read once, from Horowitz&apos;s 45 nm table (ISSCC 2014: fp32 multiply
      3.7 pJ, add 0.9 pJ; a 32-bit read from SRAM 5–50 pJ, from DRAM 640–1,300 pJ). The low end
      keeps the weights in {ON_CHIP_BYTES / 2 ** 20} MiB of on-chip memory where they fit; the high
      end reads them from DRAM. Activations are not counted; newer chips are cheaper per operation.
      A training figure adds each step&apos;s reads and writes of the weights, gradients and
      Adam&apos;s moments; its time is the worker&apos;s, pauses excluded.
    </p>
  );
}
