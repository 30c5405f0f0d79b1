import type { core } from 'zod';

/** One reason a content file (a prompt or the rubric) cannot be used. */
export interface ContentProblem {
  file: string;
  /** Dotted path of the offending field, or a section heading such as "## Scale estimates". */
  field: string;
  reason: string;
}

export function issuesToProblems(file: string, issues: readonly core.$ZodIssue[]): ContentProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        field: path ? `${path}.${key}` : key,
        reason: 'is not an accepted field',
      }));
    }
    return [{ file, field: path || '(root)', reason: issue.message }];
  });
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.reason}`;
}
