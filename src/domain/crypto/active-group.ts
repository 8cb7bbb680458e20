import type { Group } from './group';
import { ristretto255Noble } from './ristretto255-noble';

/** The group protocol code uses. One line to change to swap the backend. */
export const group: Group = ristretto255Noble;
