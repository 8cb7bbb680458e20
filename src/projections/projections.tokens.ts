/** Injection tokens of the projections module. */
export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
