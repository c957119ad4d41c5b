import { DecisionBoundaries } from '../features/boundary/DecisionBoundaries';
import { AnalysisSection } from '../features/analysis/AnalysisSection';
import { RunsPanel } from '../features/runs/RunsPanel';
import { Sweep } from '../features/sweep/Sweep';
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

export function App() {
  const active = useRunStore((s) => isActive(s.run));
  return (
    <div className="app">
      <a className="skip-link" href="#run">
        Skip to the experiment controls
      </a>
      <header className="app-header">
        <div>
          <h1>Distill Playground</h1>
          <Tagline />
        </div>
        <BackendStatus />
      </header>
      {/* The run panel comes first in the tab order; the grid places the settings to its left. */}
      <main className={active ? 'layout running' : 'layout'}>
        <LivePanel />
        <SettingsColumn active={active} />
        <div className="results">
          <div className="charts">
            <LossChart />
            <AccuracyChart />
          </div>
          <DecisionBoundaries />
          <div className="summary-row">
            <CompareTable />
            <div className="side-charts">
              <SizeChart />
              <LatencyChart />
            </div>
          </div>
          <AnalysisSection />
          <Sweep />
          <RunsPanel />
        </div>
      </main>
    </div>
  );
}
