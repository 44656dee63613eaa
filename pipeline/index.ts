/**
 * anthologist as a library: `buildAnthology` runs the same pipeline as the
 * CLI and returns the same report.
 */
export { buildAnthology, loadAnthology, EXIT, UsageError, type BuildOptions, type BuildResult, type Progress } from './runner.js';
export { diagnosticsOf, removedOf, storiesOf, type Report, type StoryReport } from './report/index.js';
export type * from './model.js';
export { catalogue } from './diagnostics/index.js';
export { tuneHeap } from './heap.js';
