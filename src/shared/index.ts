export * from './durations.ts';
export * from './events.ts';
export * from './fold.ts';
export * from './percentile.ts';
export * from './run-summary.ts';
export * from './sop.ts';
export * from './sync.ts';
export * from './uuid.ts';
