import { parseDocument } from 'yaml';
import { formatInZone } from '../simulacro/simulacro-manual';

/**
 * The real voting window, set on the configuration manual before it goes to the ledger (`urna
 * configure --opens --closes`, `urna setup --opens --closes`): written in the process's own time
 * zone with its offset, as the manual's authors write it. The manual's exact text is recorded
 * by ElectionConfigured (or ConfigurationAmended), so the window set here is on the record.
 */
export function setVotingWindow(manualText: string, opens: Date, closes: Date): string {
  const doc = parseDocument(manualText);
  const timezone = String(doc.getIn(['process', 'timezone']) ?? 'UTC');
  doc.setIn(['process', 'voting_opens'], formatInZone(opens, timezone));
  doc.setIn(['process', 'voting_closes'], formatInZone(closes, timezone));
  return doc.toString({ lineWidth: 0 });
}

export interface ManualWindow {
  electionId: string;
  opens: string;
  closes: string;
}

export function manualWindow(manualText: string): ManualWindow {
  const doc = parseDocument(manualText);
  return {
    electionId: String(doc.getIn(['process', 'id'])),
    opens: String(doc.getIn(['process', 'voting_opens'])),
    closes: String(doc.getIn(['process', 'voting_closes'])),
  };
}

/** Why a window cannot be run from `now`: it closed already, or it opens before an opening
 * report could be issued; undefined when it is ahead. */
export function windowProblem(window: ManualWindow, now: Date): 'closed' | 'opened' | 'order' | undefined {
  const opens = Date.parse(window.opens);
  const closes = Date.parse(window.closes);
  if (!(closes > opens)) return 'order';
  if (closes <= now.getTime()) return 'closed';
  if (opens <= now.getTime()) return 'opened';
  return undefined;
}
