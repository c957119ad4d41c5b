import { LiveSliders } from '../distill/LiveSliders';
import { LiveReadout } from './LiveReadout';
import { RunControls } from './RunControls';
import s from './run.module.css';

/**
 * The loop in one place: Train / Pause / Stop, the temperature and alpha sliders and the three
 * models' current numbers, above the charts they move. First in the page's tab order; the skip
 * link lands here.
 */
export function LivePanel() {
  return (
    <section id="run" className={s.livePanel} aria-labelledby="run-title" tabIndex={-1}>
      <h2 id="run-title" className="visually-hidden">
        Run
      </h2>
      <div className={s.liveGrid}>
        <RunControls />
        <LiveSliders />
      </div>
      <LiveReadout />
    </section>
  );
}
