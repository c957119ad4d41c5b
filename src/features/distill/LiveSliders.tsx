import { LIMITS } from '../../core/config';
import { slidersMove } from '../../core/students';
import { useConfigStore } from '../../state/config-store';
import { Slider } from '../../ui/Slider';
import { Term } from '../glossary/Term';
import { useLiveHyper } from './useLiveHyper';
import s from './distill.module.css';

/** Temperature and alpha, beside the curves they move: live while the students train. */
export function LiveSliders() {
  const temperature = useConfigStore((s) => s.config.temperature);
  const alpha = useConfigStore((s) => s.config.alpha);
  const setHyper = useLiveHyper();
  // With a list of its own, the sliders move the KD students that hold no T and α of their own.
  const students = useConfigStore((s) => s.config.students);
  const moved = slidersMove(students ?? []).map((st) => st.name);
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
        onChange={(t) => {
          setHyper({ temperature: t });
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
        onChange={(a) => {
          setHyper({ alpha: a });
        }}
      />
      <p className="field-hint">
        Applied at the students&rsquo; next step once a slider rests; marked on the charts.
        {students &&
          ` Acting on ${moved.length > 0 ? moved.join(', ') : 'no student (each KD student holds its own T and α)'}.`}
      </p>
    </div>
  );
}
