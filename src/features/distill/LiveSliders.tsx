import { LIMITS } from '../../core/config';
import type { SliderParamName } from '../../core/methods';
import { sliderParam } from '../../core/slider-param';
import { followsSliders, sliderCandidates, sliderIndex, studentsOf } from '../../core/students';
import { useConfigStore } from '../../state/config-store';
import { isActive, useRunStore } from '../../state/run-store';
import { Slider } from '../../ui/Slider';
import { Term } from '../glossary/Term';
import { useLiveSettings } from './useLiveSettings';
import s from './distill.module.css';

/** A method parameter's slider: its name, its step and what it does. */
const PARAM_SLIDERS: Record<SliderParamName, { name: string; step: number; hint: string }> = {
  beta: { name: 'Beta', step: 0.5, hint: "DKD's weight of the non-target classes' term (NCKD)." },
  epsilon: {
    name: 'Epsilon',
    step: 0.01,
    hint: 'The share of probability label smoothing spreads evenly over the classes.',
  },
  gamma: { name: 'Gamma', step: 0.5, hint: "The hint term's weight beside the KD loss." },
};

/**
 * Temperature, alpha and the sliders' student's method parameter (β, ε, γ), beside the curves
 * they move: live while the students train.
 */
export function LiveSliders() {
  const temperature = useConfigStore((s) => s.config.temperature);
  const alpha = useConfigStore((s) => s.config.alpha);
  const setSettings = useLiveSettings();
  const config = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.set);
  const running = useRunStore((s) => isActive(s.run));
  const list = studentsOf(config);
  const candidates = sliderCandidates(list);
  const chosen = list[sliderIndex(config)];
  // A DKD or label-smoothing student holds its own T and α: only its parameter moves.
  const movesTα = !chosen || followsSliders(chosen);
  const param = sliderParam(config);
  const paramSlider = param ? PARAM_SLIDERS[param.param] : null;
  return (
    <div className={s.liveSliders}>
      <Slider
        label="Temperature"
        min={LIMITS.temperature.min}
        max={LIMITS.temperature.max}
        step={0.5}
        value={temperature}
        format={(t) => `T = ${t}`}
        hint={
          <>
            Higher T spreads the teacher&rsquo;s probability over the wrong classes: its sense of
            which classes look alike (<Term name="soft targets" />
            ).
          </>
        }
        disabled={!movesTα}
        onChange={(t) => {
          setSettings({ temperature: t });
        }}
      />
      <Slider
        label="Alpha"
        min={LIMITS.alpha.min}
        max={LIMITS.alpha.max}
        step={0.05}
        value={alpha}
        format={(a) => `α = ${a.toFixed(2)}`}
        hint={
          <>
            Teacher vs <Term name="hard labels" />: with few labels more α usually helps; α = 0 is
            plain supervised training.
          </>
        }
        disabled={!movesTα}
        onChange={(a) => {
          setSettings({ alpha: a });
        }}
      />
      {param && paramSlider && (
        <Slider
          label={paramSlider.name}
          min={param.min}
          max={param.max}
          step={paramSlider.step}
          value={param.value}
          format={(v) => `${param.label} = ${v}`}
          hint={`${paramSlider.hint} Moves ${chosen?.name ?? 'the student'}.`}
          onChange={(v) => {
            setSettings({ param: v });
          }}
        />
      )}
      <p className="field-hint">
        Applied at the students&rsquo; next step once a slider rests; marked on the charts.
      </p>
      {/* The default pair has one KD student: nothing to choose, nothing to say. */}
      {config.students && (
        <p className="field-hint">
          {chosen ? (
            <>
              Sliders act on{' '}
              <select
                aria-label="Sliders act on"
                value={chosen.name}
                disabled={running || candidates.length < 2}
                onChange={(e) => {
                  set({ sliders: e.target.value });
                }}
              >
                {candidates.map((i) => (
                  <option key={i}>{list[i]?.name}</option>
                ))}
              </select>{' '}
              {movesTα
                ? '(other KD students hold the starting T and α, or their own).'
                : `(${chosen.name} holds its own T and α).`}
            </>
          ) : (
            'Every KD student holds its own T and α: the sliders move none.'
          )}
        </p>
      )}
    </div>
  );
}
