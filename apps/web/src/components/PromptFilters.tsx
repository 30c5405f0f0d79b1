import { DIFFICULTIES, ROADMAP_PHASE_TITLES, type PromptListQuery } from '@mockboard/contracts';
import type { FilterKey } from '../api/prompt-list-query';
import { DIFFICULTY_LABELS } from './labels';
import { SearchBox } from './SearchBox';
import { SelectField } from './SelectField';

interface PromptFiltersProps {
  query: PromptListQuery;
  tags: readonly string[];
  /** The practice filter is offered to a signed-in user only (it reads their sessions). */
  showPractice: boolean;
  onChange: (key: FilterKey, value: string) => void;
}

const difficultyOptions = [
  { value: '', label: 'Any' },
  ...DIFFICULTIES.map((difficulty) => ({ value: difficulty, label: DIFFICULTY_LABELS[difficulty] })),
];

const phaseOptions = [
  { value: '', label: 'All' },
  ...Object.entries(ROADMAP_PHASE_TITLES).map(([phase, title]) => ({
    value: phase,
    label: `${phase} · ${title}`,
  })),
];

const practiceOptions = [
  { value: '', label: 'All' },
  { value: 'no', label: 'Not practised' },
  { value: 'yes', label: 'Practised' },
];

export function PromptFilters({ query, tags, showPractice, onChange }: PromptFiltersProps) {
  // A tag from a shared link stays selectable even if the current results no longer list it.
  const tagValues = query.tag && !tags.includes(query.tag) ? [query.tag, ...tags] : tags;
  const tagOptions = [{ value: '', label: 'All' }, ...tagValues.map((tag) => ({ value: tag, label: tag }))];

  return (
    <div className={`filters${showPractice ? ' filters--with-practice' : ''}`}>
      <div className="filters__search">
        <SearchBox
          label="Search prompts"
          placeholder="Title, summary or tag"
          value={query.q ?? ''}
          onSearch={(text) => onChange('q', text)}
        />
      </div>
      <SelectField
        label="Difficulty"
        value={query.difficulty ?? ''}
        options={difficultyOptions}
        onChange={(value) => onChange('difficulty', value)}
      />
      <SelectField
        label="Roadmap phase"
        value={query.roadmapPhase === undefined ? '' : String(query.roadmapPhase)}
        options={phaseOptions}
        onChange={(value) => onChange('roadmapPhase', value)}
      />
      <SelectField
        label="Topic"
        value={query.tag ?? ''}
        options={tagOptions}
        onChange={(value) => onChange('tag', value)}
      />
      {showPractice && (
        <SelectField
          label="Practice"
          title="A prompt is practised once a session on it has completed, whichever role you played"
          value={query.practised ?? ''}
          options={practiceOptions}
          onChange={(value) => onChange('practised', value)}
        />
      )}
    </div>
  );
}
