/** Builds bulletin-board-web/dist (see src/web/build-web.ts). */
import { buildWeb } from '../src/web/build-web';

buildWeb().then((dir) => console.log(`built ${dir}`), (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); });
