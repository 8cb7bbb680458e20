/**
 * Screenshots of every board view, at a phone's size (390×844) and a laptop's (1280×800), in
 * Spanish and in English, for a person to look at (not committed):
 *   node -r urna-ts-register scripts/with-postgres.ts node -r urna-ts-register scripts/board-screenshots.ts [folder]
 * (default folder .data/board-screenshots). The board runs on a real election with made-up
 * ballots over ten hours (test/browser/board-scene.ts), then is closed early and tallied.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readableTrackingCode } from '../src/domain/crypto/ballot/tracking-code';
import { boardScene } from '../test/browser/board-scene';
import { launchBrowser } from '../test/browser/web-test-server';

const SIZES = [{ name: 'phone', width: 390, height: 844 }, { name: 'laptop', width: 1280, height: 800 }] as const;
const LANGS = ['es', 'en'] as const;

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? '.data/board-screenshots');
  mkdirSync(join(out, 'screens'), { recursive: true });
  const scene = await boardScene('shots', { voters: 60 });
  const browser = await launchBrowser();
  try {
    const start = Date.now() - 10 * 3_600_000;
    let receipt = { trackingCode: '', position: 0 };
    for (let i = 0; i < 45; i++) {
      const r = await scene.cast(i, new Date(start + Math.floor((i * i * 10 * 3_600_000) / (45 * 45))).toISOString());
      if (i === 3) receipt = r;
    }
    const note = await scene.checkpointCoveringHead();
    const receiptFile = JSON.stringify({ trackingCode: receipt.trackingCode, readableTrackingCode: readableTrackingCode(receipt.trackingCode), logIndex: receipt.position, checkpoint: note, checkpointSize: Number(note.split('\n')[1]), electionId: scene.election.electionId });
    const { page } = browser;
    const shot = async (name: string, size: (typeof SIZES)[number], lang: string) => {
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${name}-${size.name}-${lang}.png`), fullPage: true });
      // A long page also as screens, one viewport each, as a person scrolls it.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let k = 0; k * size.height < height && k < 12; k++) {
        await page.screenshot({ path: join(out, 'screens', `${name}-${size.name}-${lang}-${String(k + 1).padStart(2, '0')}.png`), fullPage: true,
          clip: { x: 0, y: k * size.height, width: size.width, height: Math.min(size.height, height - k * size.height) } });
      }
    };
    const visit = async (path: string, size: (typeof SIZES)[number], lang: string) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${scene.base}/index.html`);
      await page.evaluate((l) => localStorage.setItem('urna.lang', l), lang);
      await page.goto(`${scene.base}${path}`);
      await page.waitForSelector('body[data-ready="true"]');
    };
    const views = async (phase: string) => {
      for (const size of SIZES) {
        for (const lang of LANGS) {
          await visit('/index.html', size, lang);
          await page.waitForSelector('#checkpoint-status[data-state="verified"]');
          await shot(`board-${phase}`, size, lang);
          if (phase !== 'voting') continue;
          await page.setInputFiles('#receipt-file', { name: 'comprobante.json', mimeType: 'application/json', buffer: Buffer.from(receiptFile) });
          await page.waitForSelector('#receipt-result[data-state="verified"]');
          await page.click('#receipt-result details summary');
          await shot('receipt-verified', size, lang);
          await page.fill('#receipt-code', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
          await page.click('#receipt-check');
          await page.waitForSelector('#receipt-result[data-state="not-found"]');
          await shot('receipt-not-found', size, lang);
          await visit(`/comprobante.html#code=${readableTrackingCode(receipt.trackingCode)}`, size, lang);
          await page.waitForSelector('svg.qr');
          await shot('receipt-print', size, lang);
        }
      }
    };
    await views('voting');
    await scene.close(new Date().toISOString());
    await scene.tally();
    await scene.checkpointCoveringHead();
    await views('tallied');
    for (const size of SIZES) for (const lang of LANGS) {
      await visit('/auditoria.html', size, lang);
      await shot('audit', size, lang);
    }
    process.stdout.write(`screenshots in ${out}\n`);
  } finally {
    await browser.close();
    await scene.dispose();
  }
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
