import { signedPoints as pointsWithSign } from '../../core/significance/describe';
import { formatBytes } from '../../core/size';
import { modelMacs, modelParameters } from '../../core/config';
import { predictionEnergy } from '../../core/cost/energy';
import { useDisplayedConfig } from '../../state/displayed-config';
import { joules } from '../../core/cost/cost-text';
import type { RunAnalysis } from '../../protocol/analysis';
import { percent } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { useModels } from '../charts/useSeries';
import { analysedRoles } from './predictions';
import s from './analysis.module.css';

const FORMAT_NOTES = { fp32: 'float32', fp16: 'float16', int8: 'uint8, affine per tensor' };

/** Every trained model at fp32, fp16 and int8: the file's size and the accuracy of what it loads. */
export function QuantizedSizes({ analysis }: { analysis: RunAnalysis }) {
  const { look } = useModels();
  const config = useDisplayedConfig();
  return (
    <section className={s.quantized} aria-labelledby="quantized-title">
      <ScrollTable labelledBy="quantized-title">
        <table>
          <caption id="quantized-title">Quantized sizes</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Weights</th>
              <th scope="col">Weights file</th>
              <th scope="col">vs fp32</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Agreement with teacher</th>
              <th scope="col">Energy / prediction (est.)</th>
            </tr>
          </thead>
          <tbody>
            {analysedRoles(analysis).flatMap((role) => {
              const variants = analysis.variants[role] ?? [];
              const fp32 = variants.find((v) => v.format === 'fp32');
              return variants.map((v) => (
                <tr key={`${role}-${v.format}`}>
                  <th scope="row">
                    <span
                      className="swatch"
                      style={{ background: look(role).color }}
                      aria-hidden="true"
                    />
                    {look(role).name}
                  </th>
                  <td
                    title={
                      v.asImported
                        ? 'the imported files, not quantized here'
                        : FORMAT_NOTES[v.format]
                    }
                  >
                    {v.asImported ? 'as imported' : v.format}
                  </td>
                  <td>{formatBytes(v.bytes)}</td>
                  <td>{fp32 ? `${((v.bytes / fp32.bytes) * 100).toFixed(0)} %` : '—'}</td>
                  <td>
                    {percent(v.accuracy, 2)}
                    {fp32 && v !== fp32 && (
                      <span className={s.delta}> ({signedPoints(v.accuracy - fp32.accuracy)})</span>
                    )}
                  </td>
                  <td>{v.agreement === undefined ? '—' : percent(v.agreement, 2)}</td>
                  {v.asImported ? (
                    <td>—</td>
                  ) : (
                    <td title="Estimated from counts, not measured: the note under Teacher vs student says how">
                      ≈{' '}
                      {joules(
                        predictionEnergy(
                          modelMacs(config, role),
                          modelParameters(config, role),
                          v.format,
                        ),
                      )}
                    </td>
                  )}
                </tr>
              ));
            })}
          </tbody>
        </table>
      </ScrollTable>
      <p className="latency-note">
        Each model is serialized in the browser as a TensorFlow.js weights file; the accuracy is
        measured on the weights tfjs decodes from that very file. Plus a <code>model.json</code> of
        about{' '}
        {formatBytes(
          (analysis.variants.distilled ?? analysis.variants.teacher)?.[0]?.manifestBytes ?? 0,
        )}
        .
        {analysis.variants.teacher?.[0]?.asImported &&
          ' The imported teacher is shown as its own files are, measured as loaded.'}
      </p>
    </section>
  );
}

/** "+0.12 pt" / "−1.30 pt": a change in percentage points. */
export function signedPoints(delta: number): string {
  return `${pointsWithSign(delta, 2)} pt`;
}
