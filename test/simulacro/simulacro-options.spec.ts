/** `npm run simulacro`'s options (commander underneath): defaults, values and bilingual errors. */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSimulacroOptions } from '../../src/simulacro/simulacro-options';

const ROOT = '/repo';

describe('simulacro options', () => {
  it('has the documented defaults', () => {
    expect(parseSimulacroOptions([], ROOT)).toEqual({
      voters: 1000, spoilShare: 0.1, concurrency: 16 * availableParallelism(), cryptoWorkers: availableParallelism(), keepOpen: false, port: 0, trustees: 5, threshold: 3, trusteesAtTally: 3,
      fixture: join(ROOT, 'fixtures', 'simulacro-2024.yaml'), dataDir: undefined, seed: 'simulacro',
    });
  });

  it('reads every option', () => {
    const args = ['--voters', '200', '--spoil', '0.25', '--concurrency', '2', '--crypto-workers', '0', '--keep-open', '--port', '8080', '--trustees', '7', '--threshold', '4', '--at-tally', '5', '--data', 'd', '--seed', 's', '--fixture', 'm.yaml'];
    expect(parseSimulacroOptions(args, ROOT)).toEqual({
      voters: 200, spoilShare: 0.25, concurrency: 2, cryptoWorkers: 0, keepOpen: true, port: 8080, trustees: 7, threshold: 4, trusteesAtTally: 5, fixture: resolve('m.yaml'), dataDir: resolve('d'), seed: 's',
    });
  });

  it.each([
    [['--help'], /^uso \/ usage: npm run simulacro/],
    [['--voters', 'many'], /^--voters debe ser un entero ≥ 1 \/ must be an integer ≥ 1\nuso \/ usage/],
    [['--voters'], /^argumento inválido \/ invalid argument "--voters"\nuso \/ usage/],
    [['extra'], /^argumento inválido \/ invalid argument "extra"\nuso \/ usage/],
    [['--bogus', '1'], /^opción desconocida \/ unknown option --bogus\nuso \/ usage/],
    [['--spoil', '2'], /^--spoil debe estar entre 0 y 1 \/ must be between 0 and 1/],
    [['--trustees', '3', '--threshold', '4'], /^--threshold no puede exceder --trustees \/ cannot exceed --trustees/],
    [['--at-tally', '2'], /^--at-tally debe ser un entero ≥ 3/],
    [['--voters', '1', '--keep-open'], /^--keep-open necesita al menos 2 votantes \/ needs at least 2 voters/],
    [['--crypto-workers', '-1'], /^--crypto-workers debe ser un entero ≥ 0/],
  ])('%j is refused', (args, message) => {
    expect(() => parseSimulacroOptions(args as string[], ROOT)).toThrow(message);
  });
});
