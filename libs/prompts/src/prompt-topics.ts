import { PromptTopicsFileSchema, type PromptTopic } from '@mockboard/contracts';
import { issuesToProblems, parseYamlText, type ContentProblem } from '@mockboard/rubric';
import type { Prompt } from './prompt';

export const TOPICS_FILE = 'topics.yaml';

export type TopicsParseResult =
  { ok: true; topics: PromptTopic[] } | { ok: false; problems: ContentProblem[] };

/**
 * Reads prompts/topics.yaml and checks it against the prompts: ids unique, every topic's tags
 * carried by some prompt (a typo would make an always-empty filter), every prompt under a topic
 * (or the Topic filter could never find it).
 */
export function parseTopicsFile(
  text: string,
  prompts: readonly Prompt[],
  file = TOPICS_FILE,
): TopicsParseResult {
  let data: unknown;
  try {
    data = parseYamlText(text);
  } catch (error) {
    return { ok: false, problems: [{ file, field: '(yaml)', reason: (error as Error).message }] };
  }
  const parsed = PromptTopicsFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(file, parsed.error.issues) };
  const { topics } = parsed.data;
  const problems: ContentProblem[] = [];
  const usedTags = new Set(prompts.flatMap((prompt) => prompt.tags));
  const seen = new Set<string>();
  topics.forEach((topic, index) => {
    if (seen.has(topic.id))
      problems.push({ file, field: `topics.${index}.id`, reason: `"${topic.id}" is used twice` });
    seen.add(topic.id);
    topic.tags.forEach((tag, tagIndex) => {
      if (!usedTags.has(tag)) {
        problems.push({
          file,
          field: `topics.${index}.tags.${tagIndex}`,
          reason: `no prompt has the tag "${tag}"`,
        });
      }
    });
  });
  for (const prompt of prompts) {
    if (!topics.some((topic) => topicCovers(topic, prompt))) {
      problems.push({
        file,
        field: '(topics)',
        reason: `no topic covers prompt "${prompt.id}" (tags: ${prompt.tags.join(', ')})`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, topics };
}

/** A prompt is under a topic when it carries any of the topic's tags. */
export function topicCovers(topic: Pick<PromptTopic, 'tags'>, prompt: Pick<Prompt, 'tags'>): boolean {
  return prompt.tags.some((tag) => topic.tags.includes(tag));
}
