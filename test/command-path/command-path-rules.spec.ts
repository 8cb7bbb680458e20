/**
 * The command path's rules, checked over the source so that they cannot regress:
 *   - state changes only through a command handler: no `runCommand`, and no event-store
 *     append outside the one generic handler and the ledger's own adapters;
 *   - every command class has exactly one handler, and every handler a test that sends its
 *     command (`new <Command>(` in a spec under test/).
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { commandHandlers } from '../../src/command-path/command-handlers';

const ROOT = join(__dirname, '..', '..');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
const sources = walk(join(ROOT, 'src')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const specs = walk(join(ROOT, 'test')).filter((p) => p.endsWith('.spec.ts')).map((path) => readFileSync(path, 'utf8'));

/** `.append(` calls whose receiver is not an event store: a Merkle compact range (`range`,
 * or `rangeOf…` in the monitor, which keeps two) and the batch verifier's equation
 * accumulator. Anything else that appends is a store write. */
const NOT_A_STORE = /\b(range|rangeOf\w+|batch)\.append\(/;
const HANDLER = 'src/command-path/ledger-command-handler.ts';
const COMMAND_HANDLER_METADATA = '__commandHandler__';

describe('the command path', () => {
  it('has no other way to append to the ledger than the command handler', () => {
    const writers = sources
      .filter((f) => f.path !== HANDLER && !f.path.startsWith('src/ledger/'))
      .flatMap((f) => f.text.split('\n').map((line, k) => ({ where: `${f.path}:${k + 1}`, line })))
      .filter(({ line }) => /\.append\(/.test(line) && !NOT_A_STORE.test(line));
    expect(writers).toEqual([]);
  });

  it('has no runCommand, and builds ledger events (toNewEvent) only in the handler', () => {
    expect(sources.filter((f) => /\brunCommand\b/.test(f.text)).map((f) => f.path)).toEqual([]);
    const builders = sources.filter((f) => /\btoNewEvent\(/.test(f.text) && f.path !== HANDLER && f.path !== 'src/command-path/stream-state.ts');
    expect(builders.map((f) => f.path)).toEqual([]);
  });

  it('gives every command class exactly one handler', () => {
    const handled = commandHandlers.map((h) => (Reflect.getMetadata(COMMAND_HANDLER_METADATA, h) as { name: string }).name);
    expect(new Set(handled).size).toBe(handled.length);
    const declared = sources.flatMap((f) => [...f.text.matchAll(/export class (\w+Command) extends/g)].map((m) => m[1]));
    expect(declared.length).toBeGreaterThanOrEqual(35);
    expect(declared.filter((name) => !handled.includes(name))).toEqual([]);
    expect(handled.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('has a test for every handler: a spec that sends its command', () => {
    const handled = commandHandlers.map((h) => (Reflect.getMetadata(COMMAND_HANDLER_METADATA, h) as { name: string }).name);
    const untested = handled.filter((name) => !specs.some((text) => text.includes(`new ${name}(`)));
    expect(untested).toEqual([]);
  });
});
