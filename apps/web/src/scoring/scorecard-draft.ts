import type {
  FieldError,
  Rubric,
  Scorecard,
  ScorecardKind,
  ScorecardWrite,
  ScoreLevel,
  TargetLevel,
} from '@mockboard/contracts';

/** What the form edits: one entry per rubric dimension, in the rubric's order. */
export interface ScorecardDraft {
  dimensions: { dimensionId: string; level: ScoreLevel | null; evidence: string }[];
  strengths: string;
  improvements: string;
  recommendation: string | null;
  performedAtLevel: TargetLevel | null;
}

/** The saved scorecard (if any) laid over the rubric, so a new dimension shows up unscored. */
export function draftFrom(rubric: Rubric, saved: Scorecard | null): ScorecardDraft {
  const byId = new Map(saved?.dimensions.map((dimension) => [dimension.dimensionId, dimension]));
  return {
    dimensions: rubric.dimensions.map(({ id }) => ({
      dimensionId: id,
      level: byId.get(id)?.level ?? null,
      evidence: byId.get(id)?.evidence ?? '',
    })),
    strengths: saved?.strengths ?? '',
    improvements: saved?.improvements ?? '',
    recommendation: saved?.recommendation ?? null,
    performedAtLevel: saved?.performedAtLevel ?? null,
  };
}

export function writeFrom(draft: ScorecardDraft, kind: ScorecardKind, submit: boolean): ScorecardWrite {
  return { kind, ...draft, submit };
}

export function unscoredCount(draft: ScorecardDraft): number {
  return draft.dimensions.filter((dimension) => dimension.level === null).length;
}

/** Field errors keyed by what the form shows them beside: a dimension id or a form field. */
export type ScorecardErrors = Record<string, string>;

/**
 * The server names a missing dimension by id ("dimensions.requirements") or by position
 * ("dimensions.2.level"); both map to the dimension's id. Other fields keep their own name.
 */
export function errorsFromFields(fields: readonly FieldError[], draft: ScorecardDraft): ScorecardErrors {
  const errors: ScorecardErrors = {};
  const ids = new Set(draft.dimensions.map((dimension) => dimension.dimensionId));
  for (const { field, message } of fields) {
    const parts = field.split('.');
    const key =
      parts.find((part) => ids.has(part)) ??
      (parts[0] === 'dimensions' && /^\d+$/.test(parts[1] ?? '')
        ? draft.dimensions[Number(parts[1])]?.dimensionId
        : undefined) ??
      parts[0] ??
      field;
    errors[key] ??= sentence(message);
  }
  return errors;
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** "2.86": the server's weighted score on the 1–4 scale. */
export function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(2);
}
