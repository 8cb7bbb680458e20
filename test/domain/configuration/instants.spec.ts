import { isKnownTimeZone, parseInstant, toUtcText, zoneOffsetMinutes } from '../../../src/domain/configuration/instants';

describe('voting window instants', () => {
  it('parses RFC 3339 with offset', () => {
    expect(parseInstant('2024-05-20T20:00:00-06:00')).toEqual({ epochMs: Date.parse('2024-05-21T02:00:00Z'), offsetMinutes: -360 });
    expect(toUtcText(parseInstant('2024-06-02T18:00:00-06:00')!.epochMs)).toBe('2024-06-03T00:00:00Z');
  });
  it('rejects instants without offset, out of range or that do not exist', () => {
    for (const bad of ['2024-05-20T20:00:00', '2024-05-20 20:00:00-06:00', '2024-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-20T24:00:00Z', 'mañana']) {
      expect(parseInstant(bad)).toBeUndefined();
    }
    expect(parseInstant('2024-02-29T00:00:00Z')).toBeDefined();
  });
  it('knows IANA zones and their offsets at an instant', () => {
    expect(isKnownTimeZone('America/Mexico_City')).toBe(true);
    expect(isKnownTimeZone('Mexico/Ciudad_Gotica')).toBe(false);
    expect(zoneOffsetMinutes('America/Mexico_City', Date.parse('2024-05-21T02:00:00Z'))).toBe(-360);
    expect(zoneOffsetMinutes('America/Tijuana', Date.parse('2024-05-21T02:00:00Z'))).toBe(-420); // summer time there
    expect(zoneOffsetMinutes('UTC', 0)).toBe(0);
  });
});
