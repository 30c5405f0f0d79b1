export * from './common';
export * from './errors';
export * from './auth';
export * from './prompts';
export * from './rubric';
export * from './health';
export * from './scheduling';
export * from './room';
