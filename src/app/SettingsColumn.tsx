import { useState } from 'react';
import { formatLayers } from '../core/layers';
import { DatasetPanel } from '../features/dataset/DatasetPanel';
import { DistillPanel } from '../features/distill/DistillPanel';
import { ModelsPanel } from '../features/models/ModelsPanel';
import { StudentsPanel } from '../features/students/StudentsPanel';
import { LinkNotice } from '../features/presets/LinkNotice';
import { useConfigStore } from '../state/config-store';
import { useDisplayedTeacher } from '../state/displayed-config';
import { datasetName, seedsText } from '../state/run-record';
import { percent } from '../ui/format';
import s from './app.module.css';

/**
 * The settings that cannot change mid-run. While a run trains they fold into a one-line summary,
 * so the sliders, the charts and the numbers they move fit one screen; "Show settings" opens them.
 */
export function SettingsColumn({ active }: { active: boolean }) {
  const [open, setOpen] = useState(false);
  const config = useConfigStore((s) => s.config);
  const imported = useDisplayedTeacher();
  const folded = active && !open;
  return (
    <aside
      className={folded ? `${s.controls} folded` : s.controls}
      aria-label="Experiment settings"
    >
      {active && (
        <section className={`panel ${s.settingsSummary}`} aria-labelledby="settings-summary-title">
          <h2 id="settings-summary-title">Settings</h2>
          <p className="field-hint">
            Locked while training: {datasetName(config)} · teacher{' '}
            {imported
              ? `${imported.name} (imported)`
              : formatLayers(config.teacherHidden) || 'linear'}{' '}
            · student {formatLayers(config.studentHidden) || 'linear'}
            {config.students ? ` · ${config.students.length} students` : ''} ·{' '}
            {percent(config.labeledFraction)} labelled{config.transferSet ? ' + transfer set' : ''}{' '}
            · {seedsText(config)}.
          </p>
          <button
            type="button"
            aria-expanded={open}
            onClick={() => {
              setOpen(!open);
            }}
          >
            {open ? 'Hide settings' : 'Show settings'}
          </button>
        </section>
      )}
      {!folded && (
        <>
          <LinkNotice />
          <DatasetPanel disabled={active} />
          <ModelsPanel disabled={active} />
          <StudentsPanel disabled={active} />
          <DistillPanel disabled={active} />
        </>
      )}
    </aside>
  );
}
