import fc from 'fast-check';
import { MAX_SPANISH_NUMBER, spanishNumberWords } from '../../src/documents/spanish-number-words';

/** An independent reader of Spanish number words, to check the writer by round trip. */
function parseSpanish(words: string): number {
  const value: Record<string, number> = {
    cero: 0, un: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
    diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, 'dieciséis': 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
    veinte: 20, veintiuno: 21, 'veintiún': 21, 'veintidós': 22, 'veintitrés': 23, veinticuatro: 24, veinticinco: 25, 'veintiséis': 26,
    veintisiete: 27, veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70,
    ochenta: 80, noventa: 90, cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400,
    quinientos: 500, seiscientos: 600, setecientos: 700, ochocientos: 800, novecientos: 900,
  };
  let total = 0;
  let current = 0;
  for (const token of words.split(' ')) {
    if (token === 'y') continue;
    if (token === 'mil') current = (current === 0 ? 1 : current) * 1000;
    else if (token === 'millón' || token === 'millones') {
      total += current * 1_000_000;
      current = 0;
    } else if (token in value) current += value[token];
    else throw new Error(`unknown word "${token}" in "${words}"`);
  }
  return total + current;
}

describe('spanishNumberWords', () => {
  it.each([
    [0, 'cero'],
    [1, 'uno'],
    [9, 'nueve'],
    [10, 'diez'],
    [15, 'quince'],
    [16, 'dieciséis'],
    [20, 'veinte'],
    [21, 'veintiuno'],
    [22, 'veintidós'],
    [23, 'veintitrés'],
    [26, 'veintiséis'],
    [30, 'treinta'],
    [31, 'treinta y uno'],
    [99, 'noventa y nueve'],
    [100, 'cien'],
    [101, 'ciento uno'],
    [123, 'ciento veintitrés'],
    [200, 'doscientos'],
    [500, 'quinientos'],
    [700, 'setecientos'],
    [900, 'novecientos'],
    [999, 'novecientos noventa y nueve'],
    [1000, 'mil'],
    [1001, 'mil uno'],
    [1100, 'mil cien'],
    [2024, 'dos mil veinticuatro'],
    [21_000, 'veintiún mil'],
    [21_021, 'veintiún mil veintiuno'],
    [31_000, 'treinta y un mil'],
    [100_000, 'cien mil'],
    [101_000, 'ciento un mil'],
    [121_000, 'ciento veintiún mil'],
    [999_999, 'novecientos noventa y nueve mil novecientos noventa y nueve'],
    [1_000_000, 'un millón'],
    [1_000_001, 'un millón uno'],
    [1_200_000, 'un millón doscientos mil'],
    [2_000_000, 'dos millones'],
    [10_000_000, 'diez millones'],
    [21_000_000, 'veintiún millones'],
    [101_000_000, 'ciento un millones'],
    [1_000_000_000, 'mil millones'],
    [2_001_000_000, 'dos mil un millones'],
    [MAX_SPANISH_NUMBER, 'novecientos noventa y nueve mil novecientos noventa y nueve millones novecientos noventa y nueve mil novecientos noventa y nueve'],
  ])('%i → "%s"', (n, words) => {
    expect(spanishNumberWords(n)).toBe(words);
  });

  it('reads back as the same number for every count up to ten million (sampled) and beyond', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: MAX_SPANISH_NUMBER })), (n) => {
        const words = spanishNumberWords(n);
        expect(words).toMatch(/^[a-záéíóúñ]+(?: [a-záéíóúñ]+)*$/);
        expect(parseSpanish(words)).toBe(n);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back every number from 0 to 2100 exactly', () => {
    for (let n = 0; n <= 2100; n++) expect(parseSpanish(spanishNumberWords(n))).toBe(n);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_SPANISH_NUMBER + 1])('rejects %p', (n) => {
    expect(() => spanishNumberWords(n)).toThrow(RangeError);
  });
});
