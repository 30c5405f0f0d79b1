export * from './prompt';
export * from './parse-prompt';
export * from './prompt-views';
export * from './front-matter';
export * from './markdown-sections';
export * from './surprise-prompt';
export * from './study-plan-default';
export * from './study-plan-markdown';
