export * from './content-problem';
export * from './parse-rubric';
export * from './weighted-score';
export * from './scorecard-rules';
export * from './reveal';
export * from './progress';
export * from './calibration';
export * from './revisions';
