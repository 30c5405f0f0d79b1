export * from './chat-log';
export * from './chat-text';
export * from './collab-client';
export * from './collab-error';
export * from './hint-log';
export * from './transport';
export { MAX_UNANSWERED_BATCHES } from './scene-uploader';
