import { parseYamlText } from './yaml-text';
import { RubricSchema, type Rubric } from '@mockboard/contracts';
import { issuesToProblems, type ContentProblem } from './content-problem';

export type RubricParseResult = { ok: true; rubric: Rubric } | { ok: false; problems: ContentProblem[] };

/** Parses and validates the text of `rubric.yaml`; problems name the file, the field and the reason. */
export function parseRubric(yamlText: string, file = 'rubric.yaml'): RubricParseResult {
  let raw: unknown;
  try {
    raw = parseYamlText(yamlText);
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, field: '(file)', reason: `not valid YAML: ${(error as Error).message}` }],
    };
  }
  const parsed = RubricSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(file, parsed.error.issues) };
  return { ok: true, rubric: parsed.data };
}
