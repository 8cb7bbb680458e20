import { generateSyntheticRoll, rollToCsv, DEFAULT_COUNTRY_SHARES, apportion, defaultEntityShares, OTHER_COUNTRIES } from '../../../src/roll/synthetic-roll';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';
import { validateRollCsv } from '../../../src/roll/read-roll-csv';
import { electronicVotersToExclude } from '../../../src/domain/roll/electronic-voters';

const ENTITIES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const SIZE = 10_000;

describe('synthetic roll for simulacros', () => {
  const roll = generateSyntheticRoll({ size: SIZE, random: seededRandomSource('simulacro-2024'), entityCodes: ENTITIES });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateSyntheticRoll({ size: SIZE, random: seededRandomSource('simulacro-2024'), entityCodes: ENTITIES });
    expect(again).toEqual(roll);
    const other = generateSyntheticRoll({ size: 50, random: seededRandomSource('otra'), entityCodes: ENTITIES });
    expect(other).not.toEqual(roll.slice(0, 50));
  });

  it('follows the fixture country shares exactly (largest remainder) and weights entities as documented', () => {
    const byCountry = new Map<string, number>();
    for (const v of roll) byCountry.set(v.countryOfResidence, (byCountry.get(v.countryOfResidence) ?? 0) + 1);
    const expected = apportion(SIZE, DEFAULT_COUNTRY_SHARES);
    for (const [c, n] of expected) {
      if (c === 'other') continue;
      expect([c, byCountry.get(c)]).toEqual([c, n]);
    }
    const others = OTHER_COUNTRIES.reduce((s, c) => s + (byCountry.get(c) ?? 0), 0);
    expect(others).toBe(expected.get('other'));
    expect(byCountry.get('USA')).toBe(8600);

    const byEntity = new Map<string, number>();
    for (const v of roll) byEntity.set(v.entityOfOrigin, (byEntity.get(v.entityOfOrigin) ?? 0) + 1);
    expect(byEntity.get('14')).toBe(1500);
    expect(byEntity.get('16')).toBe(1200);
    expect(byEntity.get('11')).toBe(1100);
    expect(byEntity.get('09')).toBe(1000);
    for (const heavy of ['32', '12', '21', '20']) expect(byEntity.get(heavy)).toBe(600);
    const light = apportion(SIZE, defaultEntityShares(ENTITIES)).get('01')!;
    expect(light).toBeGreaterThanOrEqual(116);
    expect(light).toBeLessThanOrEqual(117);
    expect(byEntity.size).toBe(32);
  });

  it('is obviously fake and passes the roll validation through its own CSV', () => {
    for (const v of roll.slice(0, 200)) {
      expect(v.email.endsWith('@simulacro.example.invalid')).toBe(true);
      expect(v.mobilePhone.startsWith('+1555')).toBe(true);
      expect(v.electorKey.startsWith('SIM')).toBe(true);
    }
    const result = validateRollCsv(rollToCsv(roll), { validEntityCodes: ENTITIES, maxBirthYear: 2006 });
    expect(result.problems).toEqual([]);
    expect(result.voters.length).toBe(SIZE);
    expect(result.voters[0]).toMatchObject(roll[0]);
  });
});

describe('numeral 10-III: voters who voted electronically', () => {
  it('maps cast pseudonyms to elector keys through the sealed registrations and flags unknown ones', () => {
    const reg = (pseudonym: string, electorKey: string) => ({ type: 'VoterRegistered', data: { pseudonym, voter: { electorKey } } });
    const sealed = [reg('p1', 'KEYB'), reg('p2', 'KEYA'), reg('p3', 'KEYC'), { type: 'CredentialIssued', data: {} }];
    expect(electronicVotersToExclude(sealed, ['p2', 'p1', 'zz', 'p1'])).toEqual({ electorKeys: ['KEYA', 'KEYB'], unmatchedPseudonyms: ['zz'] });
  });
});
