export * from './mapping';
export * from './runner/index';
