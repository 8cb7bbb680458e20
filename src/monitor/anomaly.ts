/**
 * One thing the monitor found wrong: a stable code that programs match (the `--json` line's
 * `code`), the sentence a person reads in both languages (monitor.messages.ts), and the log
 * position it concerns when there is one.
 */
import { pair, type Bilingual, type ParamArgs } from '../messages/catalog';
import { monitorMessages } from '../messages/monitor.messages';

export interface Anomaly {
  code: string;
  message: Bilingual;
  /** The leaf (log position) it concerns. */
  index?: number;
}

type Catalog = typeof monitorMessages;
type AnomalyKey = keyof Catalog & `anomaly.${string}`;

export function anomaly<K extends AnomalyKey>(code: string, key: K, params: ParamArgs<Catalog[K]>[0], index?: number): Anomaly {
  const render = pair as (catalog: Catalog, key: K, params: unknown) => Bilingual;
  return { code, message: render(monitorMessages, key, params), ...(index === undefined ? {} : { index }) };
}
