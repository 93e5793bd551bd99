export * from './catalog/index';
export * from './mapping';
export * from './runner/index';
