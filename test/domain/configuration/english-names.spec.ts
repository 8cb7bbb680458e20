/**
 * English contest names (issue 15 §2): `office_en` per contest reaches the manifest as
 * `officeEn` and `labelEn` only when the manual gives it, so a manifest without it has the
 * same bytes and hash as before; a manual that gives it changes nothing else.
 */
import { prepareConfiguration } from '../../../src/domain/configuration/prepare-configuration';
import { manifestHashHex } from '../../../src/domain/configuration/manifest-hash';
import type { ElectionManifest } from '../../../src/domain/configuration/election-manifest';
import { fixtureText } from './fixture';

function manifestOf(text: string): ElectionManifest {
  const r = prepareConfiguration(text);
  if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.issues)}`);
  return r.manifest;
}

describe('English contest names in the manual and the manifest', () => {
  const withEnglish = manifestOf(fixtureText());
  const without = manifestOf(fixtureText().replace(/^ {4}office_en: .*\n/gm, ''));

  it('carries the office in English and the English label with the entity\'s name', () => {
    const pres = withEnglish.contests.find((c) => c.id === 'PRES')!;
    expect([pres.officeEn, pres.labelEn]).toEqual(['Presidency of the Republic', 'Presidency of the Republic']);
    const sen = withEnglish.contests.find((c) => c.id === 'SEN-09')!;
    expect([sen.officeEn, sen.labelEn, sen.label]).toEqual(['Senate', 'Senate — Ciudad de México', 'Senaduría — Ciudad de México']);
  });

  it('without office_en no key appears, and the manifest hashes exactly as the one with the keys taken out', () => {
    expect(without.contests.some((c) => 'officeEn' in c || 'labelEn' in c)).toBe(false);
    const stripped: ElectionManifest = { ...withEnglish, contests: withEnglish.contests.map(({ officeEn: _o, labelEn: _l, ...c }) => c) };
    expect(manifestHashHex(without)).toBe(manifestHashHex(stripped));
    expect(manifestHashHex(withEnglish)).not.toBe(manifestHashHex(without));
  });

  it('an office_en that is not text is refused', () => {
    const r = prepareConfiguration(fixtureText().replace('office_en: Senate', 'office_en: [Senate]'));
    expect(r.ok).toBe(false);
  });
});
