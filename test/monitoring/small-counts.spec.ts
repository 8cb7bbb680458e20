/**
 * Small counts in operation reports and the monitoring API (issue 16 §2): a country or entity
 * with 1–4 ballots or deliveries must not appear under its own code, where a reader could tell
 * that its one or two voters voted or did not get their credential. Totals must not change.
 */
import { OperationFactsFolder, type OperationFacts } from '../../src/domain/monitoring/operation-facts';
import { OTHER_PLACES, SMALL_COUNT_THRESHOLD, withoutSmallDeliveryPlaces, withoutSmallPlaces } from '../../src/domain/monitoring/small-counts';

const ELECTION = 'e1';
const PERIOD = { start: '2027-06-01T00:00:00Z', end: '2027-06-02T00:00:00Z' };

/** A ledger with `perCountry[c]` voters in country c, each of whom voted and got a credential (one bounced in NZL). */
function facts(perCountry: Record<string, number>): OperationFacts {
  const folder = new OperationFactsFolder(ELECTION, PERIOD);
  let position = 0;
  const at = '2027-06-01T10:00:00Z';
  for (const [country, n] of Object.entries(perCountry)) {
    for (let i = 0; i < n; i++) {
      const pseudonym = `${country.toLowerCase()}${i}`;
      const stream = `voter-${ELECTION}-${pseudonym}`;
      folder.add({ stream, type: 'VoterRegistered', data: { voter: { entityOfOrigin: country === 'USA' ? '09' : '14', countryOfResidence: country } }, position: position++, recordedAt: at });
      folder.add({ stream, type: country === 'NZL' ? 'CredentialDeliveryFailed' : 'CredentialSent', data: {}, position: position++, recordedAt: at });
      folder.add({ stream: `ballots-${ELECTION}`, type: 'BallotCast', data: { electionId: ELECTION, pseudonym, castAt: at }, position: position++, recordedAt: at });
    }
  }
  return folder.facts();
}

describe('small counts', () => {
  it('merges a country of one voter into "other", in turnout and deliveries, and keeps the totals', () => {
    const raw = facts({ USA: 12, NZL: 1, ISL: 2, CAN: SMALL_COUNT_THRESHOLD });
    const shown = withoutSmallPlaces(raw);
    expect(shown.turnout.byCountry).toEqual({ CAN: 5, [OTHER_PLACES]: 3, USA: 12 });
    expect(shown.deliveries.credentials.byCountry).toEqual({ CAN: { sent: 5, failed: 0 }, [OTHER_PLACES]: { sent: 2, failed: 1 }, USA: { sent: 12, failed: 0 } });
    // Nowhere does the lone voter's country appear, nor the bounced e-mail under its name.
    expect(JSON.stringify(shown)).not.toMatch(/NZL|ISL/);
    expect(shown.turnout.total).toBe(raw.turnout.total);
    expect(Object.values(shown.turnout.byCountry).reduce((a, b) => a + b, 0)).toBe(raw.turnout.total);
    // Entity 14 has 8 voters here (NZL, ISL, CAN): shown; 09 has 12: shown.
    expect(shown.turnout.byEntity).toEqual({ '09': 12, '14': 8 });
  });

  it('shows a place of exactly the threshold under its own code, and leaves no "other" when nothing is small', () => {
    const shown = withoutSmallPlaces(facts({ USA: SMALL_COUNT_THRESHOLD, CAN: 7 }));
    expect(shown.turnout.byCountry).toEqual({ CAN: 7, USA: SMALL_COUNT_THRESHOLD });
    expect(shown.turnout.byCountry[OTHER_PLACES]).toBeUndefined();
  });

  it('applies to the delivery status the monitoring API returns', () => {
    const d = withoutSmallDeliveryPlaces({ ...facts({ USA: 9, NZL: 1 }).deliveries });
    expect(d.credentials.byCountry).toEqual({ [OTHER_PLACES]: { sent: 0, failed: 1 }, USA: { sent: 9, failed: 0 } });
    expect(d.credentials.failed).toBe(1);
  });
});
