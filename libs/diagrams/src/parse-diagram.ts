import { ReferenceDiagramSchema, type ReferenceDiagram } from '@mockboard/contracts';
import { issuesToProblems, parseYamlText, type ContentProblem } from '@mockboard/rubric';

export type DiagramParseResult =
  { ok: true; diagram: ReferenceDiagram } | { ok: false; problems: ContentProblem[] };

/**
 * Parses one `<id>.diagram.yaml` (format: prompts/README.md, "Reference diagram") with the YAML
 * parser the prompts' front matter uses, and reports every problem as "file: field: reason".
 */
export function parseDiagramFile(text: string, fileName: string): DiagramParseResult {
  let data: unknown;
  try {
    data = parseYamlText(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      problems: [
        { file: fileName, field: '(file)', reason: `is not valid YAML: ${(error as Error).message}` },
      ],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          file: fileName,
          field: '(file)',
          reason: 'must be a YAML mapping with direction (optional), nodes and edges',
        },
      ],
    };
  }
  const parsed = ReferenceDiagramSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problems: issuesToProblems(fileName, parsed.error.issues).map(explainStrayField) };
  }
  return { ok: true, diagram: parsed.data };
}

/**
 * In a one-line `{ id: db, label: PostgreSQL (links, clicks), kind: store }` the comma ends the
 * label and YAML reads "clicks)" as a field: the likeliest cause of a stray field in a node or edge.
 */
function explainStrayField(problem: ContentProblem): ContentProblem {
  if (problem.reason !== 'is not an accepted field' || !/^(nodes|edges)\.\d+\./.test(problem.field))
    return problem;
  return {
    ...problem,
    reason:
      'is not an accepted field; if it is the rest of a label, a comma inside { ... } ended the label: quote it (label: "a, b")',
  };
}
