import { type Claim, type ClaimMark, type ClaimSource, checkClaims } from '../../core/claims';
import { testRowsWord } from '../../core/data/class-names';
import { useDisplayedConfig } from '../../state/displayed-config';
import { isFinished, measuredLatency, useRunStore } from '../../state/run-store';
import { transferEvidence } from './transfer-evidence';
import s from './claims.module.css';

const MARKS: Record<ClaimMark, { symbol: string; text: string }> = {
  supported: { symbol: '✓', text: 'Supported' },
  contradicted: { symbol: '✗', text: 'Contradicted' },
  noise: { symbol: '≈', text: 'Not distinguishable from noise' },
  unmeasured: { symbol: '–', text: 'Not measured in this run' },
};

/** Each claim's figures on the page: the panel's anchor and name; none for a command-line one. */
const SOURCES: Record<ClaimSource, { anchor: string; name: string } | null> = {
  compare: { anchor: 'compare', name: 'Teacher vs student' },
  latency: { anchor: 'latency-chart', name: 'Latency' },
  transfer: { anchor: 'transfer', name: 'Transfer to a new task' },
};

/**
 * Scrolls to a panel and gives it focus, without touching the URL: the page's hash holds the
 * run's configuration (its link), which a "#panel" would replace.
 */
function goTo(anchor: string): void {
  const target = document.getElementById(anchor);
  target?.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

function ClaimItem({ claim }: { claim: Claim }) {
  const mark = MARKS[claim.mark];
  const source = SOURCES[claim.source];
  return (
    <li className={s.claim} data-mark={claim.mark}>
      <span className={s.mark}>
        <span aria-hidden="true">{mark.symbol}</span> {mark.text}
      </span>
      <div>
        <strong>{claim.claim}.</strong> {claim.evidence}
        {claim.measure && <span className={s.measure}> To measure it: {claim.measure}.</span>}
        {source && (
          <>
            {' '}
            <a
              href={`#${source.anchor}`}
              onClick={(event) => {
                event.preventDefault();
                goTo(source.anchor);
              }}
            >
              {source.name}
            </a>
          </>
        )}
      </div>
    </li>
  );
}

/**
 * The claims every introduction to distillation makes, each marked by this run's evidence. The
 * panel derives them from the run's summary, pairs and latency, so a run reopened from the Runs
 * list shows the same marks.
 */
export function Claims() {
  const summary = useRunStore((s) => s.run?.summary);
  const students = useRunStore((s) => s.run?.students);
  const latency = useRunStore((s) => measuredLatency(s.run?.latency ?? null));
  const ended = useRunStore((s) => isFinished(s.run));
  const saved = useRunStore((s) => s.run?.transfer);
  const config = useDisplayedConfig();
  const transfer = saved ? transferEvidence(saved) : null;
  const claims =
    summary && ended
      ? checkClaims({
          summary,
          students,
          latency,
          rows: testRowsWord(config.dataset),
          transfer,
          transferHow: 'Run transfer, under Transfer to a new task',
        })
      : [];
  return (
    <section id="claims" className={s.claims} aria-labelledby="claims-title" tabIndex={-1}>
      <h2 id="claims-title">Claims, checked</h2>
      {claims.length === 0 ? (
        <p className="field-hint">
          Train a run to the end: each claim made for distillation is then checked against it.
        </p>
      ) : (
        <>
          <p className="field-hint">
            This run&apos;s evidence for each claim. Supported or contradicted only where the
            difference is more than chance (paired tests on the test rows, p &lt; 0.05) — for
            energy, an estimate, where it is lower under both memory assumptions; for latency, where
            the faster model&apos;s p95 is below the other&apos;s p50. One seed, one device.
          </p>
          <ul className={s.list} aria-label="Claims">
            {claims.map((c) => (
              <ClaimItem key={c.id} claim={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
