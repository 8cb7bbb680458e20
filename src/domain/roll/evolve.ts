import type { RollEvent } from './events';
import type { RollState } from './state';

export function evolveRoll(state: RollState, event: RollEvent): RollState {
  switch (event.type) {
    case 'RollImported':
      return { ...state, status: 'imported', rollVersion: event.data.rollVersion, rollCommitment: event.data.rollCommitment };
    case 'RollAmended':
      return { ...state, rollVersion: event.data.rollVersion, rollCommitment: event.data.rollCommitment };
    case 'RollEntriesPublished': {
      const entries = new Map(state.entries);
      for (const e of event.data.added) entries.set(e.pseudonym, e.entity);
      for (const p of event.data.removed) entries.delete(p);
      return { ...state, entries };
    }
  }
}
