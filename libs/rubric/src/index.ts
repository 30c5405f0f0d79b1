export * from './content-problem';
export * from './parse-rubric';
export * from './weighted-score';
