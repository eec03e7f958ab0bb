/**
 * Modules a plain scan never needs, built as files of their own (see package.json's build:js) and
 * loaded only when asked for. The import paths are written here, at the root of src/, so that
 * they hold both for the sources and for the bundle in dist/.
 */
export const loadSarif = () => import('./report/sarif.js');
