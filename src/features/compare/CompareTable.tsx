import { modelMacs, modelParameters } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount } from '../../core/size';
import type { ModelId } from '../../protocol/messages';
import { useDisplayedConfig, useDisplayedTeacher } from '../../state/displayed-config';
import { useRunStore } from '../../state/run-store';
import { percent, percentWithin } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { useModels } from '../charts/useSeries';
import { GainNote } from './GainNote';
import { PerClassGains } from './PerClassGains';
import { acrossSeeds, resultOf } from './results';
import { LatencyCells, LatencyNote, latencyOf } from './LatencyCells';
import { EnergyCell, TrainingCell } from './CostCells';
import { CostNote } from './CostNote';
import s from './compare.module.css';

export function CompareTable() {
  // Only what the table shows: progress messages (ten a second) must not re-render it.
  const summary = useRunStore((s) => s.run?.summary);
  const latency = useRunStore((s) => s.run?.latency ?? null);
  const epochs = useRunStore((s) => s.run?.epochs);
  const seeds = useRunStore((s) => s.run?.seeds);
  const run = summary && epochs ? { summary, epochs } : null;
  const across = acrossSeeds(seeds ? { seeds } : null);
  const config = useDisplayedConfig();
  const imported = useDisplayedTeacher();
  const { ids, look } = useModels();
  const parameters = (id: ModelId) =>
    id === 'teacher' && imported ? imported.parameters : modelParameters(config, id);
  return (
    <section id="compare" className="compare" aria-labelledby="compare-title" tabIndex={-1}>
      {/* The card's heading; the table keeps its own caption (hidden: the heading shows it). */}
      <h2 id="compare-title" className={s.cardTitle}>
        Teacher vs student
      </h2>
      <ScrollTable labelledBy="compare-title">
        <table>
          <caption className="visually-hidden">Teacher vs student</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Parameters</th>
              <th scope="col">Size</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Agreement with teacher</th>
              <th scope="col">Latency p50</th>
              <th scope="col">Latency p95</th>
              <th scope="col">
                <abbr title="Multiply–adds to classify one example">MACs</abbr> / example
              </th>
              <th scope="col">
                Energy / prediction <small>(est., fp32; predictions / J)</small>
              </th>
              <th scope="col">Training</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((role) => {
              const result = resultOf(run, role);
              const seeded = across?.models[role];
              return (
                <tr key={role}>
                  <th scope="row">
                    <span
                      className="swatch"
                      style={{ background: look(role).color }}
                      aria-hidden="true"
                    />
                    {look(role).name}
                  </th>
                  <td>{formatCount(parameters(role))}</td>
                  <td>{formatBytes(fp32Bytes(parameters(role)))}</td>
                  <td>
                    {seeded
                      ? percentWithin(seeded.accuracy.mean, seeded.accuracy.half, 2)
                      : result.accuracy === undefined
                        ? '—'
                        : percent(result.accuracy, 2)}
                  </td>
                  <td>
                    {role === 'teacher'
                      ? 'itself'
                      : seeded?.agreement
                        ? percentWithin(seeded.agreement.mean, seeded.agreement.half, 2)
                        : result.agreement === undefined
                          ? '—'
                          : percent(result.agreement, 2)}
                  </td>
                  <LatencyCells pair={latencyOf(latency, role)} />
                  <td>
                    {role === 'teacher' && imported ? (
                      <span title="An imported teacher's layers are not the playground's to count">
                        —
                      </span>
                    ) : (
                      formatCount(modelMacs(config, role))
                    )}
                  </td>
                  <EnergyCell
                    macs={role === 'teacher' && imported ? null : modelMacs(config, role)}
                    parameters={parameters(role)}
                  />
                  <TrainingCell cost={run?.summary[role]?.training} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
      <LatencyNote latency={latency} />
      <CostNote />
      <GainNote />
      <PerClassGains />
    </section>
  );
}
