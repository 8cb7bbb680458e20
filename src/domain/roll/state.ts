export interface RollState {
  status: 'empty' | 'imported';
  rollVersion: number;
  /** pseudonym → entity of origin (public data). */
  entries: Map<string, string>;
  rollCommitment: string;
}

export const initialRollState = (): RollState => ({ status: 'empty', rollVersion: 0, entries: new Map(), rollCommitment: '' });
