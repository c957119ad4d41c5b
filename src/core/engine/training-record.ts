/**
 * A model's training cost (core/cost/training.ts) as its experiment ran it: the steps and time the
 * driver logged (`TrainingLog`), the rows of its batch plan, the multiply–adds of its network.
 */
import { type TrainingCost, trainingCost } from '../cost/training';
import { trainingMacCount } from '../layers';
import type { Experiment, ModelRef } from './experiment';
import { isReadyTeacher } from './ready-teacher';
import { modelParameters } from './network';

/**
 * What training the model `ref` cost; undefined for an imported teacher (not trained here, its
 * layers not ours to count) and for students that have not trained.
 */
export function trainingRecord(exp: Experiment, ref: ModelRef): TrainingCost | undefined {
  const predictor = exp.predictorOf(ref);
  if (isReadyTeacher(predictor)) return undefined;
  const network = {
    trainingMacs: trainingMacCount(predictor.input, predictor.hidden, predictor.classes),
    parameters: modelParameters(predictor),
    batch: exp.config.batchSize,
  };
  if (ref === 'teacher') {
    const logged = exp.log.phase('teacher');
    const plan = exp.teacherPlan;
    // Not trained by this experiment: reused from an earlier run whole, its steps as configured.
    const steps = logged?.to ?? exp.config.teacherEpochs * plan.stepsPerEpoch;
    const seconds = logged?.from === 0 ? logged.seconds : null;
    return trainingCost({ ...network, pool: plan.rows.length, steps, seconds });
  }
  const logged = exp.log.phase('students');
  if (!logged) return undefined;
  const seconds = logged.from === 0 ? logged.seconds : null;
  const pool = exp.studentAt(ref).plan.rows.length;
  return trainingCost({ ...network, pool, steps: logged.to, seconds });
}
