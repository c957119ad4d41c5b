import { DecisionBoundaries } from '../features/boundary/DecisionBoundaries';
import { AnalysisSection } from '../features/analysis/AnalysisSection';
import { RunsPanel } from '../features/runs/RunsPanel';
import { Sweep } from '../features/sweep/Sweep';
import { Claims } from '../features/claims/Claims';
import { RunCapacity } from '../features/sweep/RunCapacity';
import { Transfer } from '../features/transfer/Transfer';
import { AccuracyChart } from '../features/charts/AccuracyChart';
import { LatencyChart } from '../features/charts/LatencyChart';
import { LossChart } from '../features/charts/LossChart';
import { SizeChart } from '../features/charts/SizeChart';
import { BackendStatus } from '../features/backend/BackendStatus';
import { Tagline } from '../features/backend/Tagline';
import { CompareTable } from '../features/compare/CompareTable';
import { LivePanel } from '../features/run/LivePanel';
import { isActive, useRunStore } from '../state/run-store';
import { SettingsColumn } from './SettingsColumn';
import s from './app.module.css';

export function App() {
  const active = useRunStore((s) => isActive(s.run));
  return (
    <div className={s.app}>
      <a className={s.skipLink} href="#run">
        Skip to the experiment controls
      </a>
      <header className={s.appHeader}>
        <div>
          <h1>Distill Playground</h1>
          <Tagline />
        </div>
        <BackendStatus />
      </header>
      {/* The run panel comes first in the tab order; the grid places the settings to its left. */}
      <main className={active ? `${s.layout} ${s.running}` : s.layout}>
        <LivePanel />
        <SettingsColumn active={active} />
        <div className={s.results}>
          <div className={s.charts}>
            <LossChart />
            <AccuracyChart />
          </div>
          <DecisionBoundaries />
          <div className={s.summaryRow}>
            <CompareTable />
            <div className={s.sideCharts}>
              <SizeChart />
              <LatencyChart />
            </div>
          </div>
          <RunCapacity />
          <Claims />
          <AnalysisSection />
          <Sweep />
          <Transfer />
          <RunsPanel />
        </div>
      </main>
    </div>
  );
}
