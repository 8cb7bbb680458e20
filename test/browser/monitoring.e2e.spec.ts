/**
 * The signed-in monitoring dashboard in a real Chromium (issue 16 §2, "a monitoring account can
 * sign in and see every component, and an anonymous client cannot"): an official created at the
 * console signs in on monitoreo.html with password and then the SMS code, on a phone in Spanish
 * and on a desktop in English, and sees a row for every component, the deliveries, incidents
 * and reports; each signed-in page is axe-clean, fits the screen and has no script errors. An
 * anonymous visitor sees only the sign-in form, and the API refuses the page's own requests.
 */
import { readOutbox } from '../../src/messaging/outbox';
import { codeFromSms } from '../../src/messaging/voter-messages';
import { COMPONENTS } from '../../src/monitoring/component-state';
import { useMonitoringApp } from '../monitoring/support/monitoring-app';
import { axeViolations, layoutProblems } from './page-checks';
import { launchBrowser, type TestBrowser } from './web-test-server';

jest.setTimeout(180_000);

const OFFICIAL = { username: 'funcionaria.web', password: 'contraseña-larga-web-1', role: 'official' as const, name: 'Funcionaria Web', email: 'w@ine.example', mobilePhone: '+525511110077' };

describe('monitoring dashboard (browser, signed in)', () => {
  const env = useMonitoringApp('monitoring_e2e', {}, { web: true });
  let browser: TestBrowser;

  beforeAll(async () => {
    await env.accounts.createAccount(OFFICIAL, { kind: 'operator' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function nextCode(seen: number): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const sms = await readOutbox(env.election.outboxDir, { channel: 'sms', to: OFFICIAL.mobilePhone });
      if (sms.length > seen) return codeFromSms(sms[sms.length - 1].text)!;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('no SMS code for the monitoring account');
  }

  it.each([
    ['es', { width: 390, height: 844 }, 'Componente'],
    ['en', { width: 1280, height: 800 }, 'Component'],
  ] as const)('in %s at %o: signs in with password and SMS code, sees every component, axe-clean', async (lang, size, componentHeader) => {
    const { page } = browser;
    await page.setViewportSize(size);
    await page.goto(`${env.base}/monitoreo.html`);
    await page.evaluate((l) => {
      sessionStorage.clear();
      localStorage.setItem('urna.lang', l);
    }, lang);
    await page.reload();
    const seen = (await readOutbox(env.election.outboxDir, { channel: 'sms', to: OFFICIAL.mobilePhone })).length;
    await page.fill('#username', OFFICIAL.username);
    await page.fill('#password', OFFICIAL.password);
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForSelector('#code-form:not([hidden])');
    await page.fill('#code', await nextCode(seen));
    await page.locator('#code-form button[type="submit"]').click();
    await page.waitForSelector('#components tbody tr');
    await page.waitForSelector('#deliveries tbody', { state: 'attached' });
    await page.waitForSelector('#reports li');
    const rows = await page.locator('#components tbody th[scope="row"]').allTextContents();
    expect([...rows].sort()).toEqual([...COMPONENTS].sort());
    expect(await page.locator('#components thead').textContent()).toContain(componentHeader);
    expect(await page.isVisible('#dashboard')).toBe(true);
    expect(await page.isVisible('#login-form')).toBe(false);
    // An official may record incidents: the form is there.
    expect(await page.isVisible('#incident-form')).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe(lang === 'es' ? 'es-MX' : 'en');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    await page.locator('#sign-out').click();
    await page.waitForSelector('#login-form:not([hidden])');
  });

  it('an anonymous visitor sees only the sign-in form, and the API refuses the page\'s requests', async () => {
    const { page } = browser;
    await page.goto(`${env.base}/monitoreo.html`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.waitForSelector('#login-form:not([hidden])');
    expect(await page.isVisible('#dashboard')).toBe(false);
    expect(await page.locator('#components tbody tr').count()).toBe(0);
    const statuses = await page.evaluate(async () => Promise.all(['components', 'deliveries', 'incidents', 'reports', 'accesses'].map(async (what) => {
      const anonymous = await fetch(`/api/monitoring/${what}`);
      const forged = await fetch(`/api/monitoring/${what}`, { headers: { Authorization: 'Bearer forged.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
      return [anonymous.status, forged.status];
    })));
    expect(statuses.flat().every((s) => s === 401)).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });
});
