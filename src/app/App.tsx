import { DecisionBoundaries } from '../features/boundary/DecisionBoundaries';
import { AnalysisSection } from '../features/analysis/AnalysisSection';
import { RunsPanel } from '../features/runs/RunsPanel';
import { Sweep } from '../features/sweep/Sweep';
import { AccuracyChart } from '../features/charts/AccuracyChart';
import { LatencyChart } from '../features/charts/LatencyChart';
import { LossChart } from '../features/charts/LossChart';
import { SizeChart } from '../features/charts/SizeChart';
import { BackendStatus } from '../features/backend/BackendStatus';
import { CompareTable } from '../features/compare/CompareTable';
import { DatasetPanel } from '../features/dataset/DatasetPanel';
import { DistillPanel } from '../features/distill/DistillPanel';
import { LinkNotice } from '../features/presets/LinkNotice';
import { ModelsPanel } from '../features/models/ModelsPanel';
import { RunControls } from '../features/run/RunControls';
import { isActive, useRunStore } from '../state/run-store';

export function App() {
  const active = useRunStore((s) => isActive(s.run));
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Distill Playground</h1>
          <p className="tagline">
            Train a teacher and a small student in your browser, on your GPU, and see what knowledge
            distillation buys.
          </p>
        </div>
        <BackendStatus />
      </header>
      <main className="layout">
        <aside className="controls" aria-label="Experiment settings">
          <LinkNotice />
          <DatasetPanel disabled={active} />
          <ModelsPanel disabled={active} />
          <DistillPanel disabled={active} />
        </aside>
        <div className="results">
          <RunControls />
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
