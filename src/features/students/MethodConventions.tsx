import { CONVENTIONS } from '../../core/conventions';
import { KIND_LABELS, type StudentKind } from '../../core/methods';
import s from './students.module.css';

/**
 * What each method of the run computes, in symbols, and the same numbers in the libraries people
 * distil with: which weight is α there, whether T² is applied, which reduction.
 */
export function MethodConventions({ kinds }: { kinds: readonly StudentKind[] }) {
  const shown = [...new Set(kinds)];
  return (
    <details className={s.conventions}>
      <summary>Conventions: what each method computes, and the same numbers elsewhere</summary>
      {shown.map((kind) => {
        const { formula, elsewhere } = CONVENTIONS[kind];
        return (
          <section key={kind} aria-label={`${KIND_LABELS[kind]} conventions`}>
            <h4>{KIND_LABELS[kind]}</h4>
            <p className={s.formula}>{formula}</p>
            <ul>
              {elsewhere.map(({ library, how }) => (
                <li key={library}>
                  <strong>{library}:</strong> {how}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </details>
  );
}
