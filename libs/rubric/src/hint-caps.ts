import {
  INTERVIEW_PHASE_TITLES,
  INTERVIEW_PHASES,
  type HintCap,
  type HintReveal,
  type InterviewPhase,
  type Rubric,
  type ScoreLevel,
} from '@mockboard/contracts';

/**
 * The rubric dimension each interview phase's hints are about. Wrap-up has no dimension of its own:
 * its hints ask for bottlenecks and alternatives, which is what trade-offs scores.
 */
export const PHASE_DIMENSION: Readonly<Record<InterviewPhase, string>> = {
  requirements: 'requirements',
  estimation: 'estimation',
  'api-and-data-model': 'api-and-data-model',
  'high-level-design': 'high-level-design',
  'deep-dive': 'deep-dive',
  'wrap-up': 'tradeoffs',
};

type HintRubric = Pick<Rubric, 'dimensions' | 'levels' | 'hints'>;

/**
 * What the revealed hints do to the score, from the rubric's hint weighting: each reveal whose stage
 * has a maxLevel caps its phase's dimension, and the lowest cap wins. Dimensions without a cap (no
 * hint, or only stages that leave the score alone) are left out; the result is in rubric order.
 * A reveal repeated (the same phase and stage) counts once.
 */
export function hintCaps(
  reveals: readonly Pick<HintReveal, 'phase' | 'stage'>[],
  rubric: HintRubric,
): HintCap[] {
  const byDimension = new Map<string, { maxLevel: ScoreLevel; reasons: string[] }>();
  const counted = new Set<string>();
  const ordered = [...reveals].sort((a, b) => phaseIndex(a.phase) - phaseIndex(b.phase) || a.stage - b.stage);
  for (const reveal of ordered) {
    const key = `${reveal.phase}:${reveal.stage}`;
    const stage = rubric.hints.stages.find((entry) => entry.stage === reveal.stage);
    if (counted.has(key) || !stage || stage.maxLevel === null) continue;
    counted.add(key);
    const dimensionId = PHASE_DIMENSION[reveal.phase];
    if (!rubric.dimensions.some((dimension) => dimension.id === dimensionId)) continue;
    const label = rubric.levels.find((level) => level.value === stage.maxLevel)?.label ?? 'level';
    const reason = `${stage.label} hint (stage ${stage.stage}) in ${INTERVIEW_PHASE_TITLES[reveal.phase]}: at most ${label} (${stage.maxLevel})`;
    const cap = byDimension.get(dimensionId);
    if (cap) {
      cap.maxLevel = Math.min(cap.maxLevel, stage.maxLevel) as ScoreLevel;
      cap.reasons.push(reason);
    } else {
      byDimension.set(dimensionId, { maxLevel: stage.maxLevel, reasons: [reason] });
    }
  }
  return rubric.dimensions.flatMap((dimension) => {
    const cap = byDimension.get(dimension.id);
    return cap ? [{ dimensionId: dimension.id, ...cap }] : [];
  });
}

const phaseIndex = (phase: InterviewPhase): number => INTERVIEW_PHASES.indexOf(phase);
