export * from './parse-diagram';
export * from './text-metrics';
export * from './layout-diagram';
export * from './diagram-scene';
