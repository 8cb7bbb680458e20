import { compareResults } from '../../src/simulacro/compare-results';

/** The simulacro's final check, attacked: every way a tally can differ from the plain choices. */
describe('the simulacro compares the decrypted tally with the plain choices', () => {
  const expected = { presidencia: { a: 2, b: 1 }, senado: { x: 3 } };
  const exact = [
    { contestId: 'presidencia', counts: [{ optionId: 'a', count: 2 }, { optionId: 'b', count: 1 }, { optionId: 'c', count: 0 }] },
    { contestId: 'senado', counts: [{ optionId: 'x', count: 3 }, { optionId: 'y', count: 0 }] },
  ];
  const withCounts = (presidencia: [number, number, number], senado: [number, number]) => [
    { contestId: 'presidencia', counts: [{ optionId: 'a', count: presidencia[0] }, { optionId: 'b', count: presidencia[1] }, { optionId: 'c', count: presidencia[2] }] },
    { contestId: 'senado', counts: [{ optionId: 'x', count: senado[0] }, { optionId: 'y', count: senado[1] }] },
  ];

  it('agrees when every count equals the plain one, and lists the rows', () => {
    const c = compareResults(expected, exact, 3, 3, 0);
    expect(c).toMatchObject({ mismatches: 0, byHand: 0 });
    expect(c.rows.map((r) => `${r.contestId}/${r.optionId} ${r.plain} ${r.decrypted}`)).toEqual(['presidencia/a 2 2', 'presidencia/b 1 1', 'senado/x 3 3']);
  });

  it.each([
    ['a vote moved to another option', withCounts([1, 2, 0], [3, 0])],
    ['a vote moved to an option nobody chose', withCounts([2, 0, 1], [3, 0])],
    ['a vote lost', withCounts([2, 0, 0], [3, 0])],
  ])('without hand ballots, %s is a mismatch', (_, results) => {
    expect(compareResults(expected, results, 3, 3, 0).mismatches).toBeGreaterThan(0);
  });

  it('a contest missing from the results, or an option missing from a contest, is a mismatch', () => {
    expect(compareResults(expected, exact.slice(0, 1), 3, 3, 0).mismatches).toBe(1);
    const noB = [{ contestId: 'presidencia', counts: [{ optionId: 'a', count: 2 }] }, exact[1]];
    expect(compareResults(expected, noB, 3, 3, 0).mismatches).toBe(1);
  });

  it('one hand ballot may add one vote per contest, anywhere', () => {
    expect(compareResults(expected, withCounts([2, 1, 1], [3, 1]), 4, 3, 3)).toMatchObject({ mismatches: 0, byHand: 1 });
    expect(compareResults(expected, withCounts([3, 1, 0], [4, 0]), 4, 3, 3)).toMatchObject({ mismatches: 0, byHand: 1 });
  });

  it.each([
    ['takes a synthetic vote away (one option down, another up)', withCounts([1, 1, 2], [3, 1]), 4],
    ['adds two votes to a contest for one hand ballot', withCounts([2, 1, 2], [3, 1]), 4],
    ['is more ballots than the voters kept aside', withCounts([2, 1, 4], [3, 4]), 7],
    ['is fewer ballots than synthetic voters', withCounts([2, 1, 0], [3, 0]), 2],
  ])('a hand ballot that %s is a mismatch', (_, results, ballots) => {
    expect(compareResults(expected, results, ballots, 3, 3).mismatches).toBeGreaterThan(0);
  });

  it('without --keep-open no hand ballot is allowed at all', () => {
    expect(compareResults(expected, withCounts([2, 1, 1], [3, 1]), 4, 3, 0).mismatches).toBeGreaterThan(0);
  });
});
