import { type ExperimentConfig, LIMITS } from '../../core/config';
import { studentSteps } from '../../core/data/steps';
import { useConfigStore } from '../../state/config-store';
import { Panel } from '../../ui/Panel';
import { Slider } from '../../ui/Slider';
import { percent } from '../../ui/format';
import { Term } from '../glossary/Term';
import s from './distill.module.css';

export function DistillPanel({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.set);
  return (
    <Panel title="Distillation">
      <p className="field-hint">
        Temperature and alpha are in the Run panel with Train: they stay live while the students
        train.
      </p>
      <p className={s.formula} aria-label="Loss formula">
        loss = <var>α</var> · <var>T</var>² · <Term name="KL" />
        (teacher<sub>T</sub> ‖ student<sub>T</sub>) + (1 − <var>α</var>) · <Term name="CE" />
        (labels,{' '}
        <Term name="student₁">
          student<sub>1</sub>
        </Term>
        )
      </p>
      <Slider
        label="Labeled fraction"
        min={LIMITS.labeledFraction.min * 100}
        max={LIMITS.labeledFraction.max * 100}
        step={0.5}
        value={config.labeledFraction * 100}
        disabled={disabled}
        format={(p) => percent(p / 100, 1)}
        hint={
          <>
            Share of the training set whose <Term name="hard labels" /> the students may use.
          </>
        }
        onChange={(p) => {
          set({ labeledFraction: p / 100 });
        }}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={config.transferSet}
          disabled={disabled}
          onChange={(e) => {
            set({ transferSet: e.target.checked });
          }}
        />
        Transfer set
      </label>
      <p className="field-hint">
        The unlabelled rest of the training set is the <Term name="transfer set" />.
      </p>
      <div className="field-hint">
        {config.transferSet
          ? 'On: the distilled student also learns from the unlabelled rest through the teacher’s soft targets.'
          : 'Off: both students see only the labelled part.'}{' '}
        The scratch student always uses the labelled part only, with α = 0. {stepsText(config)}
      </div>
    </Panel>
  );
}

/**
 * How many Adam steps the students will take: without the transfer set an epoch is a pass over the
 * labelled rows alone, which for few labels is very few steps.
 */
function stepsText(config: ExperimentConfig): string {
  const { pool, perEpoch, total } = studentSteps(config);
  const rows = config.transferSet ? 'training rows' : 'labelled rows';
  const few =
    total < 100 ? ' Few steps: the students will barely move; give them more epochs.' : '';
  return `An epoch is a pass over ${config.transferSet ? 'all' : 'about'} ${pool.toLocaleString('en-US')} ${rows}: ${perEpoch.toLocaleString('en-US')} Adam steps, ${total.toLocaleString('en-US')} in ${config.studentEpochs} epochs.${few}`;
}
