import { parseDocument } from 'yaml';
import { pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

/**
 * A simulacro runs the fixture's election now: its voting window is moved to open at `opensAt`
 * and (nominally) close at `closesAt`, written in the process's own time zone; the simulacro
 * then closes early when every synthetic voter has cast, which VotingClosed records as such.
 * The manual keeps a comment saying what was changed, and its exact text is in
 * ElectionConfigured, so the move is on the record.
 */
export function moveVotingWindow(manualText: string, opensAt: Date, closesAt: Date, ranAt: Date): string {
  const doc = parseDocument(manualText);
  const timezone = String(doc.getIn(['process', 'timezone']) ?? 'UTC');
  const original = `${String(doc.getIn(['process', 'voting_opens']))} — ${String(doc.getIn(['process', 'voting_closes']))}`;
  doc.setIn(['process', 'voting_opens'], formatInZone(opensAt, timezone));
  doc.setIn(['process', 'voting_closes'], formatInZone(closesAt, timezone));
  const note = pair(cliMessages, 'simulacro.manualComment', { ranAt: ranAt.toISOString(), original });
  // Each line of the note is a YAML comment line ("# " once written).
  doc.commentBefore =
    [...note.es.split('\n'), ...note.en.split('\n')].map((line) => ` ${line}\n`).join('') +
    (doc.commentBefore ? `\n${doc.commentBefore}` : '');
  return doc.toString({ lineWidth: 0 });
}

/** "2026-11-23T01:02:03-06:00": the instant as a wall-clock time in `timeZone` with its offset. */
export function formatInZone(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    }).formatToParts(instant).map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
