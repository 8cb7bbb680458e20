/** `urna verify`'s options (commander underneath): usage errors exit 2 with a bilingual message. */
import { main } from '../../src/verifier/urna-verify';

describe('urna verify arguments', () => {
  const usageError = (args: string[]) => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    try {
      return { code: main(args), stderr: lines.join('') };
    } finally {
      write.mockRestore();
    }
  };

  it.each([
    [[], /^uso \/ usage: urna verify/],
    [['--help'], /^uso \/ usage: urna verify/],
    [['verify'], /^uso \/ usage: urna verify/],
    [['.', '--bogus'], /^opción desconocida \/ unknown option --bogus\nuso \/ usage/],
    [['.', '--vkey'], /^falta el valor de --vkey \/ --vkey needs a value\nuso \/ usage/],
    [['.', '--credential-authority'], /^falta el valor de --credential-authority \/ --credential-authority needs a value\nuso \/ usage/],
    [['.', 'other'], /^sobran argumentos: una sola carpeta \/ too many arguments: one folder only\nuso \/ usage/],
    [['.', '--group', 'openssl'], /--group must be auto or one of noble, libsodium-wasm, libsodium-native/],
  ])('%j exits 2 with the usage', (args, message) => {
    const { code, stderr } = usageError(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('[--vkey <llave-del-log | log-vkey>] [--credential-authority <llave-de-la-autoridad-de-credenciales | credential-authority-key>] '
      + '[--group auto|noble|libsodium-wasm|libsodium-native|decaf-native] [--json]');
  });
});
