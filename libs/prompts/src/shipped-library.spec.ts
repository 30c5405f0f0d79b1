import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRubric } from '@mockboard/rubric';
import { parsePromptFile } from './parse-prompt';
import { CORE_PROMPT_IDS, type Prompt } from './prompt';
import { parseTopicsFile, TOPICS_FILE } from './prompt-topics';

/**
 * The content that ships in prompts/, checked with the same parsers the server uses at start, so a
 * broken file fails here before it stops a deployment.
 */
const PROMPTS_DIR = join(__dirname, '../../../prompts');

const rubricResult = parseRubric(readFileSync(join(PROMPTS_DIR, 'rubric.yaml'), 'utf8'));
const dimensionIds = rubricResult.ok ? rubricResult.rubric.dimensions.map((dimension) => dimension.id) : [];
const promptFiles = readdirSync(PROMPTS_DIR)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .sort();

function parseShipped(file: string) {
  return parsePromptFile(readFileSync(join(PROMPTS_DIR, file), 'utf8'), file, dimensionIds, {
    requireHintsAndLevels: true,
  });
}

const validPrompts = (): Prompt[] =>
  promptFiles.flatMap((file) => {
    const result = parseShipped(file);
    return result.ok ? [result.prompt] : [];
  });

function sectionOf(prompt: Prompt, id: string): string {
  return prompt.guideSections.find((section) => section.id === id)?.markdown ?? '';
}

describe('the shipped prompt library', () => {
  it('has a valid rubric.yaml', () => {
    expect(rubricResult.ok ? [] : rubricResult.problems).toEqual([]);
  });

  it('has topics.yaml: 10 to 16 topics over tags in use, every prompt under one', () => {
    const result = parseTopicsFile(readFileSync(join(PROMPTS_DIR, TOPICS_FILE), 'utf8'), validPrompts());
    expect(result.ok ? [] : result.problems).toEqual([]);
    const count = result.ok ? result.topics.length : 0;
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(16);
  });

  it('has at least 35 prompts, at least 8 of them easy and 8 hard', () => {
    const byDifficulty = (difficulty: string) =>
      validPrompts().filter((prompt) => prompt.difficulty === difficulty).length;

    expect(promptFiles.length).toBeGreaterThanOrEqual(35);
    expect(byDifficulty('easy')).toBeGreaterThanOrEqual(8);
    expect(byDifficulty('hard')).toBeGreaterThanOrEqual(8);
  });

  it('spells each topic one way, so the Topic filter does not split a topic in two (saga, sagas)', () => {
    const tags = new Set(validPrompts().flatMap((prompt) => prompt.tags));
    const plurals = [...tags].filter((tag) => tags.has(`${tag}s`) || tags.has(`${tag}es`));

    expect(plurals).toEqual([]);
  });

  it.each(CORE_PROMPT_IDS)('includes the %s prompt', (id) => {
    expect(promptFiles).toContain(`${id}.md`);
  });

  describe.each(promptFiles)('%s', (file) => {
    it('is a valid prompt', () => {
      const result = parseShipped(file);

      expect(result.ok ? [] : result.problems).toEqual([]);
    });

    it('works real numbers through in its scale estimates (at least three)', () => {
      const result = parseShipped(file);
      const estimates = result.ok ? sectionOf(result.prompt, 'scale-estimates') : '';

      expect((estimates.match(/\d+(?:[.,]\d+)*/g) ?? []).length).toBeGreaterThanOrEqual(3);
    });

    it('has two or three staged hints for every phase of its time plan', () => {
      const result = parseShipped(file);
      const prompt = result.ok ? result.prompt : undefined;

      expect(prompt?.hints.map((phase) => phase.phase)).toEqual(prompt?.timePlan.map((entry) => entry.phase));
      for (const phase of prompt?.hints ?? []) expect([2, 3]).toContain(phase.hints.length);
    });

    it('has its reference diagram beside it', () => {
      expect(existsSync(join(PROMPTS_DIR, file.replace(/\.md$/, '.diagram.yaml')))).toBe(true);
    });

    it('has at least five clarifying questions', () => {
      const result = parseShipped(file);
      const questions = result.ok ? sectionOf(result.prompt, 'clarifying-questions') : '';

      expect(questions.split('**Q:**').length - 1).toBeGreaterThanOrEqual(5);
    });
  });

  it('has prompts on every step of the roadmap', () => {
    expect(new Set(validPrompts().map((prompt) => prompt.roadmapPhase))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('uses each prompt id once', () => {
    const ids = validPrompts().map((prompt) => prompt.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
