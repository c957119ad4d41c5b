import { formatLayers } from '../../core/layers';
import {
  MAX_STUDENTS,
  MIN_STUDENTS,
  comparisonPairs,
  sliderIndex,
  studentIds,
  studentsOf,
} from '../../core/students';
import { useConfigStore } from '../../state/config-store';
import { Panel } from '../../ui/Panel';
import { seriesOf } from '../charts/series';
import { MethodConventions } from './MethodConventions';
import { StudentGroup } from './StudentGroup';
import { addedStudent, changedStudent, removedStudent, storedList } from './student-edits';
import s from './students.module.css';

/**
 * The run's students: each a named group with how it learns and its network; "Add student" adds
 * one (up to 8), each removes itself (down to 2). Students of one network start from the same
 * weights and see the same batches, so their differences are their settings.
 */
export function StudentsPanel({ disabled }: { disabled: boolean }) {
  const config = useConfigStore((s) => s.config);
  const error = useConfigStore((s) => s.errors.students);
  const set = useConfigStore((s) => s.set);
  const ids = studentIds(config);
  const list = studentsOf(config);
  // The sliders' student keeps its place through edits (renamed: by its new name); removed, or
  // no longer free to follow them, the sliders fall back to the first KD student that is.
  const chosen = sliderIndex(config);
  const update = (next: ReturnType<typeof addedStudent>, moved = chosen) => {
    const name = config.sliders === undefined ? undefined : next[moved]?.name;
    const sliders = sliderIndex({ students: next, sliders: name }) === moved ? name : undefined;
    set({ students: storedList(next), sliders });
  };
  const studentLayers = formatLayers(config.studentHidden);
  const pairs = comparisonPairs(list, config.studentHidden);
  return (
    <Panel title="Students">
      <ol className={s.list} aria-label="Students">
        {list.map((spec, i) => (
          <li key={i}>
            <StudentGroup
              spec={spec}
              studentLayers={studentLayers}
              color={seriesOf(ids[i] ?? 'distilled', config).color}
              canRemove={list.length > MIN_STUDENTS}
              disabled={disabled}
              onChange={(patch) => {
                update(changedStudent(list, i, patch));
              }}
              onRemove={() => {
                update(
                  removedStudent(list, i),
                  i === chosen ? -1 : i < chosen ? chosen - 1 : chosen,
                );
              }}
            />
          </li>
        ))}
      </ol>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className={s.actions}>
        <button
          type="button"
          disabled={disabled || list.length >= MAX_STUDENTS}
          onClick={() => {
            update(addedStudent(list));
          }}
        >
          Add student
        </button>
        <span className="field-hint">
          {list.length} of {MAX_STUDENTS}
        </span>
      </div>
      <p className="field-hint">
        {pairs.length === 0
          ? 'No student has a scratch student of its network: the page can show no gain.'
          : `Each student is compared with the scratch (or label-smoothing) student of its network (${pairs
              .map(({ student, scratch }) => `${list[student]?.name} vs ${list[scratch]?.name}`)
              .join('; ')}).`}{' '}
        {chosen >= 0
          ? `The T and α sliders act on ${list[chosen]?.name}; other KD students hold their own T and α, or the starting ones.`
          : 'Every KD student holds its own T and α: the sliders move none.'}
      </p>
      <MethodConventions kinds={list.map((st) => st.kind)} />
    </Panel>
  );
}
