/**
 * The fused engine's recording of training steps: each step's records and batch indices written
 * into slots, many steps into one command buffer and one submit, paced by the device's measured
 * time (`submit-pacer.ts`).
 */
import { MODE_DROPOUT, MODE_MASK, SLOTS } from './engine-constants';
import type { FusedStep } from './fused-inputs';
import type { Dispatch, FusedModel, Source } from './fused-model';
import type { EncodeDispatch } from './step-timing';
import { type StepRecords, methodFields } from './step-records';
import { SubmitPacer } from './submit-pacer';
import { STEP_STRIDE } from './wgsl-common';

interface Pending {
  model: FusedModel;
  /** The group's first record slot; its models take the slots from there on. */
  slot: number;
  /** The longest batch among the group's models: the dispatches cover it. */
  rows: number;
}

export class StepRecorder {
  /** Record slots the pending steps take. */
  private slotsUsed = 0;
  /** Group steps recorded since the last submit. */
  private stepsRecorded = 0;
  private pending: Pending[] = [];
  private readonly indices: Uint32Array;
  /** Steps a submit and submits in flight, by the device's measured time. */
  private readonly pacer: SubmitPacer;

  constructor(
    private readonly device: GPUDevice,
    private readonly records: StepRecords,
    /** The batch indices' buffer: SLOTS × batchSize rows. */
    private readonly batchIdx: GPUBuffer,
    private readonly batchSize: number,
    /** The training rows' bindings (they change once hint targets exist). */
    private readonly train: () => Source,
  ) {
    this.indices = new Uint32Array(SLOTS * batchSize);
    this.pacer = new SubmitPacer(device.queue, () => performance.now(), SLOTS);
  }

  /**
   * Resolves once the device has room for more steps: the training loop awaits it before each
   * step, so the recording never runs more than a few submits ahead of the device.
   */
  ready(): Promise<void> {
    return this.pacer.ready();
  }

  /** Records a step of `group`; `paced`: submits once the steps recorded fill a submit. */
  record(group: FusedModel, steps: readonly FusedStep[], paced = true): void {
    if (steps.length !== group.count) throw new Error(`${group.name}: one step a model.`);
    if (this.slotsUsed + steps.length > SLOTS) this.submit();
    const first = this.slotsUsed;
    const { batchSize } = this;
    // The group steps together: one Adam step count, so one pair of bias corrections.
    const { corr1, corr2 } = group.nextCorrections();
    let longest = 0;
    steps.forEach((step, model) => {
      const slot = first + model;
      const rows = step.rows.length;
      if (rows > batchSize) throw new Error(`A batch of ${rows} rows exceeds ${batchSize}.`);
      longest = Math.max(longest, rows);
      this.indices.set(step.rows, slot * batchSize);
      this.records.write(slot, {
        rows,
        idxOffset: slot * batchSize,
        seed: step.dropoutSeed,
        mode: MODE_DROPOUT | (step.masked ? MODE_MASK : 0),
        temperature: step.temperature,
        alpha: step.alpha,
        learningRate: step.learningRate,
        corr1,
        corr2,
        predOffset: 0,
        ...methodFields(step.method),
        model,
      });
    });
    this.slotsUsed += steps.length;
    this.pending.push({ model: group, slot: first, rows: longest });
    this.stepsRecorded += 1;
    if (paced && this.pacer.full(this.stepsRecorded)) this.submit();
  }

  /** Submits every recorded step: one write of records and indices, one pass, one submit. */
  submit(extra?: (encoder: GPUCommandEncoder) => void): void {
    const { device } = this;
    const count = this.slotsUsed;
    if (count === 0 && !extra) return;
    if (count > 0) this.upload(count);
    const encoder = device.createCommandEncoder({ label: 'fused steps' });
    if (count > 0) {
      const pass = encoder.beginComputePass({ label: 'fused steps' });
      const source = this.train();
      for (const { model, slot, rows } of this.pending) {
        model.encodeStep(pass, source, slot * STEP_STRIDE, rows);
      }
      pass.end();
    }
    extra?.(encoder);
    device.queue.submit([encoder.finish()]);
    if (this.stepsRecorded > 0) this.pacer.submitted(this.stepsRecorded);
    this.forget();
  }

  /**
   * One step of `group` (`step` for each model) recorded and uploaded but not run: its dispatches
   * and how to encode each, for timing them one by one.
   */
  alone(group: FusedModel, step: FusedStep): { plan: Dispatch[]; encode: EncodeDispatch } {
    this.submit();
    this.record(group, new Array<FusedStep>(group.count).fill(step), false);
    const [pending] = this.pending;
    if (!pending) throw new Error(`${group.name}: nothing recorded`);
    this.upload(this.slotsUsed);
    this.forget();
    const offset = pending.slot * STEP_STRIDE;
    const source = this.train();
    return {
      plan: group.stepPlan(pending.rows),
      encode: (pass, dispatch) => {
        group.encode(pass, dispatch, 'train', source, offset);
      },
    };
  }

  /** Drops whatever is recorded and not submitted. */
  forget(): void {
    this.pending = [];
    this.slotsUsed = 0;
    this.stepsRecorded = 0;
  }

  /** The records and batch indices of the first `count` slots, to the GPU. */
  private upload(count: number): void {
    this.records.upload(count);
    this.device.queue.writeBuffer(this.batchIdx, 0, this.indices, 0, count * this.batchSize);
  }
}
