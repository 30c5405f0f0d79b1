import { DIFFICULTIES, ROADMAP_PHASE_TITLES, type PromptListQuery } from '@mockboard/contracts';
import type { FilterKey } from '../api/prompt-list-query';
import { DIFFICULTY_LABELS } from './labels';
import { SearchBox } from './SearchBox';
import { SelectField } from './SelectField';

interface PromptFiltersProps {
  query: PromptListQuery;
  /** The library's topics (prompts/topics.yaml). */
  topics: readonly { id: string; title: string }[];
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

export function PromptFilters({ query, topics, showPractice, onChange }: PromptFiltersProps) {
  // A topic from a shared link stays selected while the topics load.
  const topicOptions = [
    { value: '', label: 'All' },
    ...(query.topic && !topics.some((topic) => topic.id === query.topic)
      ? [{ value: query.topic, label: query.topic }]
      : []),
    ...topics.map((topic) => ({ value: topic.id, label: topic.title })),
  ];

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
        value={query.topic ?? ''}
        options={topicOptions}
        onChange={(value) => onChange('topic', value)}
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
      {query.tag && (
        // A single tag comes from a prompt's tag chip or an older link: shown so it can be removed.
        <p className="filters__tag">
          Tag: <strong>{query.tag}</strong>{' '}
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Remove the tag filter ${query.tag}`}
            onClick={() => onChange('tag', '')}
          >
            Remove
          </button>
        </p>
      )}
    </div>
  );
}
