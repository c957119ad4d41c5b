import { LIMITS } from '../../core/config';
import { sliderCandidates, sliderIndex, studentsOf } from '../../core/students';
import { useConfigStore } from '../../state/config-store';
import { isActive, useRunStore } from '../../state/run-store';
import { Slider } from '../../ui/Slider';
import { Term } from '../glossary/Term';
import { useLiveHyper } from './useLiveHyper';
import s from './distill.module.css';

/** Temperature and alpha, beside the curves they move: live while the students train. */
export function LiveSliders() {
  const temperature = useConfigStore((s) => s.config.temperature);
  const alpha = useConfigStore((s) => s.config.alpha);
  const setHyper = useLiveHyper();
  const config = useConfigStore((s) => s.config);
  const set = useConfigStore((s) => s.set);
  const running = useRunStore((s) => isActive(s.run));
  const list = studentsOf(config);
  const candidates = sliderCandidates(list);
  const chosen = list[sliderIndex(config)];
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
              (other KD students hold the starting T and α, or their own).
            </>
          ) : (
            'Every KD student holds its own T and α: the sliders move none.'
          )}
        </p>
      )}
    </div>
  );
}
