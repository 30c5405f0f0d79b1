export * from './element-version';
