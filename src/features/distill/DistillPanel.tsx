import { LIMITS } from '../../core/config';
import { useConfigStore } from '../../state/config-store';
import { Panel } from '../../ui/Panel';
import { Slider } from '../../ui/Slider';
import { percent } from '../../ui/format';
import { useLiveHyper } from './useLiveHyper';

export function DistillPanel({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.set);
  const setHyper = useLiveHyper();
  return (
    <Panel title="Distillation">
      <p className="formula" aria-label="Loss formula">
        loss = <var>α</var> · <var>T</var>² · KL(teacher<sub>T</sub> ‖ student<sub>T</sub>) + (1 −{' '}
        <var>α</var>) · CE(labels, student<sub>1</sub>)
      </p>
      <Slider
        label="Temperature"
        min={LIMITS.temperature.min}
        max={LIMITS.temperature.max}
        step={0.5}
        value={config.temperature}
        format={(t) => `T = ${t}`}
        hint="Softens both distributions; can be changed while the students train."
        onChange={(temperature) => {
          setHyper({ temperature });
        }}
      />
      <Slider
        label="Alpha"
        min={LIMITS.alpha.min}
        max={LIMITS.alpha.max}
        step={0.05}
        value={config.alpha}
        format={(a) => `α = ${a.toFixed(2)}`}
        hint="Weight of the soft (teacher) term. 0 = plain supervised training."
        onChange={(alpha) => {
          setHyper({ alpha });
        }}
      />
      <Slider
        label="Labeled fraction"
        min={LIMITS.labeledFraction.min * 100}
        max={LIMITS.labeledFraction.max * 100}
        step={0.5}
        value={config.labeledFraction * 100}
        disabled={disabled}
        format={(p) => percent(p / 100, 1)}
        hint="Share of the training set whose hard labels the students may use."
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
      <div className="field-hint">
        {config.transferSet
          ? 'On: the distilled student also learns from the unlabelled rest through the teacher’s soft targets.'
          : 'Off: both students see only the labelled part.'}{' '}
        The scratch student always uses the labelled part only, with α = 0.
      </div>
    </Panel>
  );
}
