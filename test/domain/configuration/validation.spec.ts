/**
 * Validation reports every problem of a manual, each with a stable code, a path and a message
 * in Spanish and English. One spec per problem; the small manual below is valid to start with.
 */
import { parseConfigurationManual } from '../../../src/domain/configuration/parse-manual';
import { validateConfigurationManual } from '../../../src/domain/configuration/validate-manual';
import { prepareConfiguration } from '../../../src/domain/configuration/prepare-configuration';
import { ISSUE_CODES, type ConfigurationIssue, type IssueCode } from '../../../src/domain/configuration/configuration-issue';
import { smallManualData, smallManualText, toManualText } from './small-manual';

function issuesOf(text: string): ConfigurationIssue[] {
  const parsed = parseConfigurationManual(text);
  return [...parsed.issues, ...validateConfigurationManual(parsed.manual)];
}
function issuesAfter(change: (m: Record<string, any>) => void): ConfigurationIssue[] {
  const data = smallManualData();
  change(data);
  return issuesOf(toManualText(data));
}
const errors = (issues: ConfigurationIssue[]) => issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]);
const codes = (issues: ConfigurationIssue[]) => issues.map((i) => i.code);
const covered = new Set<IssueCode>();
function expectIssue(issues: ConfigurationIssue[], code: IssueCode, path?: string) {
  covered.add(code);
  const found = issues.find((i) => i.code === code && (path === undefined || i.path === path));
  expect(found ? found : issues).toMatchObject({ code, ...(path ? { path } : {}) });
  expect(found!.es.length).toBeGreaterThan(0);
  expect(found!.en.length).toBeGreaterThan(0);
  expect(found!.es).not.toBe(found!.en);
}

describe('a valid manual', () => {
  it('has no issue at all', () => {
    expect(issuesOf(smallManualText())).toEqual([]);
  });
});

describe('structure', () => {
  it('YAML_SYNTAX: text that is not YAML', () => expectIssue(issuesOf('process: [unclosed'), 'YAML_SYNTAX'));
  it('DUPLICATE_KEY: a party written twice', () => {
    const text = smallManualText().replace('  A:\n    name: Partido A\n', '  A:\n    name: Partido A\n  A:\n    name: Otra vez A\n');
    expectIssue(issuesOf(text), 'DUPLICATE_KEY');
  });
  it('MISSING_FIELD: no office', () => expectIssue(issuesAfter((m) => delete m.contests[0].office), 'MISSING_FIELD', 'contests[0].office'));
  it('WRONG_TYPE: max_voters as text', () => expectIssue(issuesAfter((m) => (m.process.max_voters = 'mil')), 'WRONG_TYPE', 'process.max_voters'));
  it('UNKNOWN_FIELD: a misspelt field', () => expectIssue(issuesAfter((m) => (m.contests[0].coalition = ['AB'])), 'UNKNOWN_FIELD', 'contests[0].coalition'));
  it('EMPTY_TEXT: a blank party name', () => expectIssue(issuesAfter((m) => (m.parties.A.name = '  ')), 'EMPTY_TEXT', 'parties.A.name'));
  it('BOTH_COMMON_CANDIDACY_FORMS', () =>
    expectIssue(
      issuesAfter((m) => {
        m.contests[2].common_candidacy = { parties: ['A', 'B'], name: 'X' };
        m.contests[2].common_candidacies = [];
      }),
      'BOTH_COMMON_CANDIDACY_FORMS',
    ));
});

describe('process', () => {
  it('INVALID_TIMEZONE', () => expectIssue(issuesAfter((m) => (m.process.timezone = 'America/Ciudad_Gotica')), 'INVALID_TIMEZONE', 'process.timezone'));
  it('INVALID_INSTANT: no offset', () => expectIssue(issuesAfter((m) => (m.process.voting_opens = '2027-05-20T20:00:00')), 'INVALID_INSTANT', 'process.voting_opens'));
  it('INVALID_INSTANT: a date that does not exist', () => expectIssue(issuesAfter((m) => (m.process.voting_closes = '2027-02-30T18:00:00-06:00')), 'INVALID_INSTANT', 'process.voting_closes'));
  it('WINDOW_CLOSES_BEFORE_OPENS', () => expectIssue(issuesAfter((m) => (m.process.voting_closes = '2027-05-20T19:59:59-06:00')), 'WINDOW_CLOSES_BEFORE_OPENS'));
  it('OFFSET_DIFFERS_FROM_TIMEZONE is a warning only', () => {
    const issues = issuesAfter((m) => (m.process.voting_opens = '2027-05-20T20:00:00-05:00'));
    expectIssue(issues, 'OFFSET_DIFFERS_FROM_TIMEZONE', 'process.voting_opens');
    expect(errors(issues)).toEqual([]);
  });
  it('the same instant written in UTC is fine', () => expect(issuesAfter((m) => (m.process.voting_opens = '2027-05-21T02:00:00Z'))).toEqual([]));
  it('MAX_VOTERS_NOT_POSITIVE', () => expectIssue(issuesAfter((m) => (m.process.max_voters = 0)), 'MAX_VOTERS_NOT_POSITIVE'));
  it('INVALID_ID: a process id with spaces', () => expectIssue(issuesAfter((m) => (m.process.id = 'prueba 2027')), 'INVALID_ID', 'process.id'));
});

describe('catalogues', () => {
  it('INVALID_ENTITY_CODE: an unquoted 09 reads as the number 9', () => {
    const text = smallManualText().replace(`"09": Ciudad de México`, '9: Ciudad de México');
    expectIssue(issuesOf(text), 'INVALID_ENTITY_CODE', 'entities."9"');
  });
  it('INVALID_ID: a party id with "+"', () => expectIssue(issuesAfter((m) => (m.parties['A+'] = { name: 'x' })), 'INVALID_ID', 'parties.A+'));
  it('RESERVED_ID: a party called NULO', () => expectIssue(issuesAfter((m) => (m.parties.NULO = { name: 'x' })), 'RESERVED_ID', 'parties.NULO'));
  it('DUPLICATE_ID: a coalition with a party id', () => expectIssue(issuesAfter((m) => (m.coalitions.A = { name: 'x', parties: ['C', 'D'] })), 'DUPLICATE_ID', 'coalitions.A'));
  it('DUPLICATE_ID: two contests with one id', () => expectIssue(issuesAfter((m) => (m.contests[2].id = 'SEN')), 'DUPLICATE_ID', 'contests[2].id'));
  it('DUPLICATE_ID: a party listed twice in a contest', () => expectIssue(issuesAfter((m) => m.contests[0].parties.push('A')), 'DUPLICATE_ID', 'contests[0].parties[4]'));
  it('UNKNOWN_PARTY in a coalition', () => expectIssue(issuesAfter((m) => m.coalitions.AB.parties.push('Z')), 'UNKNOWN_PARTY', 'coalitions.AB.parties[2]'));
  it('UNKNOWN_PARTY in a contest', () => expectIssue(issuesAfter((m) => m.contests[1].parties.push('Z')), 'UNKNOWN_PARTY', 'contests[1].parties[4]'));
  it('GROUPING_TOO_SMALL: a one-party coalition', () => expectIssue(issuesAfter((m) => (m.coalitions.CD.parties = ['C'])), 'GROUPING_TOO_SMALL', 'coalitions.CD.parties'));
});

describe('contests', () => {
  it('INVALID_SCOPE', () => expectIssue(issuesAfter((m) => (m.contests[0].scope = 'municipal')), 'INVALID_SCOPE', 'contests[0].scope'));
  it('LOCAL_CONTEST_NATIONAL', () => expectIssue(issuesAfter((m) => (m.contests[2].entities = 'national')), 'LOCAL_CONTEST_NATIONAL'));
  it('CONTEST_WITHOUT_ENTITIES', () => expectIssue(issuesAfter((m) => (m.contests[2].entities = [])), 'CONTEST_WITHOUT_ENTITIES', 'contests[2].entities'));
  it('UNKNOWN_ENTITY', () => expectIssue(issuesAfter((m) => m.contests[2].entities.push('33')), 'UNKNOWN_ENTITY', 'contests[2].entities[2]'));
  it('CONTEST_WITHOUT_OPTIONS: no parties and no independents', () => {
    const issues = issuesAfter((m) => {
      m.contests[2].parties = [];
      m.contests[2].coalitions = [];
    });
    expectIssue(issues, 'CONTEST_WITHOUT_OPTIONS', 'contests[2]');
  });
  it('a contest of independents only is fine', () => {
    const issues = issuesAfter((m) => {
      m.contests[2].parties = [];
      m.contests[2].coalitions = [];
      m.contests[2].independent_candidates = ['Persona Independiente'];
      m.contests[2].candidates = {};
    });
    expect(errors(issues)).toEqual([]);
  });
  it('UNKNOWN_COALITION', () => expectIssue(issuesAfter((m) => m.contests[0].coalitions.push('XY')), 'UNKNOWN_COALITION', 'contests[0].coalitions[1]'));
  it('GROUPING_PARTY_NOT_IN_CONTEST: reported once for a contest in every entity', () => {
    const issues = issuesAfter((m) => (m.contests[1].parties = ['A', 'B', 'C']));
    expectIssue(issues, 'GROUPING_PARTY_NOT_IN_CONTEST', 'contests[1]');
    expect(codes(issues).filter((c) => c === 'GROUPING_PARTY_NOT_IN_CONTEST')).toHaveLength(1);
  });
  it('PARTY_IN_TWO_GROUPINGS: a party in a coalition and a common candidacy', () => {
    const issues = issuesAfter((m) => (m.contests[2].variations = { '31': { common_candidacy: { parties: ['C', 'A'], name: 'Común C-A' } } }));
    expectIssue(issues, 'PARTY_IN_TWO_GROUPINGS', 'contests[2].variations."31"');
  });
  it('PARTY_IN_TWO_GROUPINGS: two overlapping coalitions', () => {
    const issues = issuesAfter((m) => {
      m.coalitions.BC = { name: 'B-C', parties: ['B', 'C'] };
      m.contests[0].coalitions = ['AB', 'BC'];
    });
    expectIssue(issues, 'PARTY_IN_TWO_GROUPINGS', 'contests[0]');
  });
  it('VARIATION_FOR_UNCOVERED_ENTITY: a variation for an entity outside the contest', () => {
    expectIssue(issuesAfter((m) => (m.contests[2].variations = { '09': { coalitions: [] } })), 'VARIATION_FOR_UNCOVERED_ENTITY', 'contests[2].variations."09"');
  });
  it('VARIATION_FOR_UNCOVERED_ENTITY: any variation of a national contest', () => {
    expectIssue(issuesAfter((m) => (m.contests[0].variations = { '14': { coalitions: [] } })), 'VARIATION_FOR_UNCOVERED_ENTITY', 'contests[0].variations."14"');
  });
  it('UNKNOWN_COALITION inside a variation', () => {
    expectIssue(issuesAfter((m) => (m.contests[2].variations = { '14': { coalitions: ['QQ'] } })), 'UNKNOWN_COALITION', 'contests[2].variations."14".coalitions[0]');
  });
});

describe('candidate names', () => {
  it('UNKNOWN_CANDIDATE_KEY', () => expectIssue(issuesAfter((m) => (m.contests[0].candidates.ZZ = 'Nadie')), 'UNKNOWN_CANDIDATE_KEY', 'contests[0].candidates.ZZ'));
  it('CANDIDATE_FOR_PARTY_IN_GROUPING', () => expectIssue(issuesAfter((m) => (m.contests[0].candidates.A = 'Otra persona')), 'CANDIDATE_FOR_PARTY_IN_GROUPING', 'contests[0].candidates.A'));
  it('UNKNOWN_TEMPLATE_PLACEHOLDER', () => expectIssue(issuesAfter((m) => (m.contests[1].candidates = 'Fórmula {partido} {entity}')), 'UNKNOWN_TEMPLATE_PLACEHOLDER', 'contests[1].candidates'));
  it('CANDIDATE_NAME_MISSING is a warning', () => {
    const issues = issuesAfter((m) => delete m.contests[0].candidates.D);
    expectIssue(issues, 'CANDIDATE_NAME_MISSING', 'contests[0].candidates');
    expect(errors(issues)).toEqual([]);
  });
});

describe('ballot styles', () => {
  it('ENTITY_WITHOUT_CONTESTS is a warning when no contest is national', () => {
    const issues = issuesAfter((m) => {
      m.contests = [m.contests[2]];
    });
    expectIssue(issues, 'ENTITY_WITHOUT_CONTESTS', 'entities."09"');
    expect(errors(issues)).toEqual([]);
  });
});

describe('every problem at once', () => {
  it('lists all of them, not just the first, and refuses to derive', () => {
    const data = smallManualData();
    data.process.timezone = 'Mars/Olympus';
    data.process.voting_closes = '2027-05-01T00:00:00-06:00';
    data.process.max_voters = -5;
    data.coalitions.AB.parties = ['A', 'Z'];
    data.contests[2].entities = ['14', '40'];
    data.contests[2].variations = { '09': { note: 'x' } };
    const result = prepareConfiguration(toManualText(data));
    expect(result.ok).toBe(false);
    expect(errors(result.issues)).toEqual([
      ['INVALID_TIMEZONE', 'process.timezone'],
      ['WINDOW_CLOSES_BEFORE_OPENS', 'process.voting_closes'],
      ['MAX_VOTERS_NOT_POSITIVE', 'process.max_voters'],
      ['UNKNOWN_PARTY', 'coalitions.AB.parties[1]'],
      ['UNKNOWN_ENTITY', 'contests[2].entities[1]'],
      ['VARIATION_FOR_UNCOVERED_ENTITY', 'contests[2].variations."09"'],
    ]);
  });
});

describe('party emblems and English names (optional, issue 15)', () => {
  it('a colour and an acronym, and an English name, are accepted and reach the manifest; without them the manifest is as before', () => {
    const data = smallManualData();
    data.parties.A = { name: 'Partido A', name_en: 'Party A', emblem: { color: '#1F4E9C', acronym: 'PA' } };
    expect(issuesOf(toManualText(data))).toEqual([]);
    const withEmblem = prepareConfiguration(toManualText(data));
    const plain = prepareConfiguration(smallManualText());
    expect(withEmblem.ok && plain.ok).toBe(true);
    if (!withEmblem.ok || !plain.ok) return;
    expect(withEmblem.manifest.parties[0]).toEqual({ id: 'A', name: 'Partido A', nameEn: 'Party A', color: '#1f4e9c', acronym: 'PA' });
    expect(plain.manifest.parties[0]).toEqual({ id: 'A', name: 'Partido A' });
  });
  it('INVALID_EMBLEM: a colour that is not #rrggbb, or an acronym too long to fit', () => {
    expectIssue(issuesAfter((m) => (m.parties.B = { name: 'Partido B', emblem: { color: 'red', acronym: 'PB' } })), 'INVALID_EMBLEM', 'parties.B.emblem');
    expectIssue(issuesAfter((m) => (m.parties.B = { name: 'Partido B', emblem: { color: '#aabbcc', acronym: 'DEMASIADOLARGO' } })), 'INVALID_EMBLEM', 'parties.B.emblem');
    expectIssue(issuesAfter((m) => (m.parties.B = { name: 'Partido B', emblem: { color: '#aabbcc', acronym: 'PB', svg: 'x' } })), 'UNKNOWN_FIELD', 'parties.B.emblem.svg');
  });
});

afterAll(() => {
  // Every code the validator can give has a spec here (guards against an untested new code).
  expect(ISSUE_CODES.filter((c) => !covered.has(c))).toEqual([]);
});
