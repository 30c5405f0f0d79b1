export * from './element-version';
export * from './log-coalescing';
export * from './replay';
export * from './scene-diff';
export * from './scene-restore';
export * from './scene-to-svg';
export * from './scene-batch';
export * from './viewport';
