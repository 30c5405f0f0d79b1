export * from './collab-client';
export * from './collab-error';
export * from './transport';
