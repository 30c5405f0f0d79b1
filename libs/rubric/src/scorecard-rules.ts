import type { DimensionScore, FieldError, Rubric, ScorecardKind, ScoreLevel } from '@mockboard/contracts';

/** The parts of a scorecard the rubric constrains. */
export interface ScorecardContent {
  kind: ScorecardKind;
  dimensions: readonly DimensionScore[];
  recommendation: string | null;
  performedAtLevel: string | null;
}

/**
 * What a scorecard may hold at all, draft or not: only the rubric's dimensions, each once, and
 * only one of the rubric's recommendations. Fields are named by their path in the request body.
 */
export function scorecardProblems(
  rubric: Pick<Rubric, 'dimensions' | 'recommendations'>,
  content: ScorecardContent,
): FieldError[] {
  const known = new Set(rubric.dimensions.map((dimension) => dimension.id));
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  content.dimensions.forEach((score, index) => {
    const field = `dimensions.${index}.dimensionId`;
    if (!known.has(score.dimensionId)) {
      problems.push({ field, message: `must be one of the rubric's dimensions: ${[...known].join(', ')}` });
    } else if (seen.has(score.dimensionId)) {
      problems.push({ field, message: `"${score.dimensionId}" is scored twice` });
    }
    seen.add(score.dimensionId);
  });
  const recommendations = rubric.recommendations.map((recommendation) => recommendation.id);
  if (content.recommendation !== null && !recommendations.includes(content.recommendation)) {
    problems.push({ field: 'recommendation', message: `must be one of ${recommendations.join(', ')}` });
  }
  return problems;
}

/**
 * What a submitted scorecard must add: a level for every rubric dimension and, from an
 * interviewer, a recommendation and the level the candidate performed at.
 */
export function submissionProblems(
  rubric: Pick<Rubric, 'dimensions'>,
  content: ScorecardContent,
): FieldError[] {
  const problems: FieldError[] = [];
  const missing: string[] = [];
  for (const dimension of rubric.dimensions) {
    const index = content.dimensions.findIndex((score) => score.dimensionId === dimension.id);
    if (index === -1) missing.push(dimension.id);
    else if (content.dimensions[index]!.level === null) {
      problems.push({
        field: `dimensions.${index}.level`,
        message: 'choose a level (1–4) before submitting',
      });
    }
  }
  if (missing.length > 0) {
    problems.push({
      field: 'dimensions',
      message: `score every dimension before submitting; missing ${missing.join(', ')}`,
    });
  }
  if (content.kind === 'interviewer') {
    if (content.recommendation === null) {
      problems.push({ field: 'recommendation', message: 'choose a recommendation before submitting' });
    }
    if (content.performedAtLevel === null) {
      problems.push({
        field: 'performedAtLevel',
        message: 'choose the level the candidate performed at before submitting',
      });
    }
  }
  return problems;
}

/** Every rubric dimension once, in rubric order, with what the author gave (or nothing yet). */
export function dimensionsInRubricOrder(
  rubric: Pick<Rubric, 'dimensions'>,
  scores: readonly DimensionScore[],
): { dimensionId: string; level: ScoreLevel | null; evidence: string }[] {
  return rubric.dimensions.map((dimension) => {
    const score = scores.find((candidate) => candidate.dimensionId === dimension.id);
    return { dimensionId: dimension.id, level: score?.level ?? null, evidence: score?.evidence ?? '' };
  });
}

/** The levels by dimension id, as `weightedScore` and the progress maths take them. */
export function levelsById(
  scores: readonly { dimensionId: string; level: ScoreLevel | null }[],
): Record<string, ScoreLevel | undefined> {
  return Object.fromEntries(scores.map((score) => [score.dimensionId, score.level ?? undefined]));
}
