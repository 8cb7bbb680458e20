/**
 * The voter's booth: sign in (the password derives the credential key here, which signs the
 * server's challenge; then a code by SMS), learn at once whether one may still vote, mark the
 * ballot as on paper, review the plain choices, encrypt and sign IN THIS BROWSER, then either
 * cast it (confirmed with a new SMS code) or audit it (Benaloh: the spoiled ballot is published
 * and its disclosure checked here, then the choices are encrypted afresh, with a new voter
 * binding). The plaintext choices never leave the browser unless the voter audits; an audited
 * ballot is never counted and is published with nothing that names the voter.
 *
 * Every step moves focus to its heading and says so through a live region; every refusal is a
 * plain sentence in the page's language with a way forward (booth-errors.ts).
 */
import {
  auditSpoiledBallot,
  ballotStyles,
  deriveCredentialKey,
  electionContext,
  signLogin,
  encryptBallot,
  BOOTH_FIXED_BASE_WINDOW,
  encryptionTablesInSlices,
  fromHex,
  group,
  readableTrackingCode,
  spoilBallot,
  toHex,
  type BallotSecrets,
  type BallotSelections,
  type BallotStyle,
  type ElectionContext,
  type EncryptionTables,
  type SigningKey,
} from '../../src/domain/crypto/ballot/index';
import { canonicalPassword, canonicalUsername } from '../../src/domain/authentication/secrets';
import { boothMessages } from '../../src/messages/booth.messages';
import type { Challenge, Receipt, VoterBallot as BallotDefinition, VoterStatus } from '../../src/voting/voter-api-types';
import { ApiError, getJson, getText, postJson } from './api';
import { checkReceipt, fetchVerifiedCheckpoint } from './log-verifier';
import { pinnedTrust } from './pinned-trust';
import { byId, el, show } from './dom';
import { runInSlices } from './in-slices';
import { language, translator } from './i18n';
import { initLayout } from './layout';
import { qrSvg } from './qr-code';
import { lookupUrl } from './receipt-print';
import { loadReceipts, saveReceipt } from './receipt-store';
import { contestName, optionName, outcomeText, renderBallot, type RenderedBallot } from './booth-ballot';
import { marksForOption, optionForMarks } from './booth-marks';
import { forgetSession, keepSession, keptSession } from './booth-session';
import { BoothInputError, codeShapeOk, errorView, type ErrorView } from './booth-errors';

const { t, translatePage } = translator(boothMessages);

const STEPS = ['step-login', 'step-code', 'step-password-again', 'step-stop', 'step-ballot', 'step-review', 'step-receipt'] as const;
type Step = (typeof STEPS)[number];
/** The step indicator's four stages. */
const STAGE: Record<Step, number> = { 'step-login': 1, 'step-code': 1, 'step-password-again': 1, 'step-stop': 1, 'step-ballot': 2, 'step-review': 3, 'step-receipt': 4 };

const state: {
  current?: Step;
  username?: string;
  electionId?: string;
  challengeId?: string;
  codeExpiresAt?: string;
  token?: string;
  definition?: BallotDefinition;
  context?: ElectionContext;
  tables?: EncryptionTables;
  /** The tables while they are built, a slice at a time, as the voter reads the ballot. */
  tablesBuilding?: Promise<EncryptionTables>;
  style?: BallotStyle;
  ballot?: RenderedBallot;
  /** Marked boxes per contest, kept across "change my choices" and a language switch. */
  marks: Map<string, string[]>;
  selections?: BallotSelections;
  encrypted?: { ballot: { trackingCode: string }; secrets: BallotSecrets };
  castChallengeId?: string;
  /** The voter's credential key, derived here from what they typed; it never leaves the browser. */
  credential?: SigningKey;
  /** What the stop step says (already voted, voting closed), redrawn on a language switch. */
  stop?: 'voted' | 'closed';
  receipt?: Receipt;
} = { marks: new Map() };

/** Lets the browser paint a progress text before a long synchronous computation. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

function announce(text: string): void {
  const a = byId('announcer');
  a.textContent = '';
  setTimeout(() => (a.textContent = text), 50);
}

/** Shows step `id`; focus moves to its heading (not on the first paint, where the skip link comes first). */
function step(id: Step, focus = true): void {
  state.current = id;
  for (const s of STEPS) show(s, s === id);
  show('logout', state.token !== undefined);
  const stage = STAGE[id];
  document.querySelectorAll<HTMLElement>('#step-indicator li').forEach((li) => {
    const n = Number(li.dataset.step);
    if (n === stage) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
    li.dataset.done = String(n < stage);
  });
  const heading = byId(`${id}-h`);
  if (!focus) return;
  heading.focus();
  announce(t('booth.steps.now', { n: stage, of: 4, title: heading.textContent ?? '' }));
}

function showError(err: unknown): void {
  const view: ErrorView = errorView(err);
  if (!(err instanceof ApiError)) console.error(err); // the details for whoever debugs; the voter reads a sentence
  const box = byId('error');
  byId('error-text').textContent = view.text;
  box.dataset.code = view.code;
  const actions = byId('error-actions');
  actions.replaceChildren();
  if (view.newCode) actions.append(button('error-new-code', t('booth.code.resend'), () => resendLoginCode()));
  if (view.signInAgain) actions.append(button('error-sign-in', t('booth.code.back'), async () => backToSignIn()));
  if (view.stop) void stopAt(view.stop);
  box.hidden = false;
  box.scrollIntoView({ block: 'center' });
  box.focus();
}

function clearError(): void {
  byId('error').hidden = true;
}

function button(id: string, label: string, action: () => Promise<void>, cls = 'secondary'): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, id }, label);
  b.addEventListener('click', guarded(action));
  return b;
}

/** Runs a step's action; any failure is shown to the voter, in their language. */
function guarded(fn: () => Promise<void>): (ev?: Event) => void {
  return (ev) => {
    ev?.preventDefault();
    clearError();
    fn().catch(showError);
  };
}

async function withProgress<T>(id: string, text: string, fn: () => Promise<T>): Promise<T> {
  const p = byId(id);
  p.hidden = false;
  p.textContent = text;
  await nextFrame();
  try {
    return await fn();
  } finally {
    p.hidden = true;
  }
}

/** Derives the credential key from the password (docs/spec/credentials.md): the password never leaves this page. */
function credentialFor(electionId: string, username: string, password: string): SigningKey {
  return deriveCredentialKey(electionId, canonicalUsername(username) ?? username, canonicalPassword(password));
}

/** Signs a fresh challenge with the credential key; the server sends a code by SMS. */
async function requestLoginCode(username: string, credential: SigningKey | ((electionId: string) => SigningKey)): Promise<void> {
  const { challenge, electionId } = await postJson<{ challenge: string; electionId: string }>('/api/voter/login/challenge', {});
  const key = typeof credential === 'function' ? credential(electionId) : credential;
  const canonical = canonicalUsername(username) ?? username;
  const r = await postJson<Challenge>('/api/voter/login', { username, challenge, signature: signLogin(key, electionId, canonical, challenge) });
  Object.assign(state, { challengeId: r.challengeId, codeExpiresAt: r.expiresAt, credential: key, username, electionId });
  byId('code-sent-to').textContent = t('booth.code.sentTo', { phone: r.sentTo ?? '••••' });
  byId<HTMLInputElement>('login-code').value = '';
  startCountdown();
}

async function login(): Promise<void> {
  const username = byId<HTMLInputElement>('username').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  if (!username || !password) throw new BoothInputError(t('booth.login.missing'));
  await withProgress('login-progress', t('booth.login.checking'), () => requestLoginCode(username, (electionId) => credentialFor(electionId, username, password)));
  byId<HTMLInputElement>('password').value = '';
  step('step-code');
}

/** "I did not get my password": the same answer whatever the name, so the page says only that the request was taken. */
async function askPasswordResend(): Promise<void> {
  const username = byId<HTMLInputElement>('resend-username').value.trim();
  const email = byId<HTMLInputElement>('resend-email').value.trim();
  const status = byId('resend-status');
  status.textContent = '';
  if (!username || !email) throw new BoothInputError(t('booth.resend.missing'));
  await postJson('/api/voter/login/password-resend', { username, email });
  status.textContent = t('booth.resend.sent');
  announce(t('booth.resend.sent'));
}

let countdown: ReturnType<typeof setInterval> | undefined;
function startCountdown(): void {
  if (countdown) clearInterval(countdown);
  const out = byId('code-countdown');
  const tick = () => {
    const left = Math.max(0, Math.round((Date.parse(state.codeExpiresAt ?? '') - Date.now()) / 1000));
    out.textContent = left > 0 ? t('booth.code.expiresIn', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` }) : t('booth.code.expiredNow');
    if (left === 0 && countdown) clearInterval(countdown);
  };
  tick();
  countdown = setInterval(tick, 1000);
}

async function resendLoginCode(): Promise<void> {
  if (!state.credential || !state.username) return backToSignIn();
  await requestLoginCode(state.username, state.credential);
  step('step-code');
  announce(t('booth.code.resent'));
}

async function backToSignIn(): Promise<void> {
  if (countdown) clearInterval(countdown);
  state.challengeId = undefined;
  step('step-login');
}

function fieldError(id: string, text: string | undefined): void {
  const p = byId(id);
  p.hidden = text === undefined;
  p.textContent = text ?? '';
}

async function confirmLogin(): Promise<void> {
  const code = byId<HTMLInputElement>('login-code').value.replace(/\s+/g, '');
  // Something that cannot be a code is refused here: it does not use up one of the code's tries.
  if (!codeShapeOk(code)) {
    fieldError('login-code-error', t('booth.code.shape'));
    byId('login-code').focus();
    return;
  }
  fieldError('login-code-error', undefined);
  const r = await postJson<{ sessionToken: string; expiresAt: string }>('/api/voter/login/confirm', { challengeId: state.challengeId, code });
  state.token = r.sessionToken;
  if (countdown) clearInterval(countdown);
  keepSession({ token: r.sessionToken, username: state.username!, electionId: state.electionId!, expiresAt: r.expiresAt });
  await afterSignIn();
}

/** Right after sign-in (or a reload): already voted or voting closed are told now, before any ballot. */
async function afterSignIn(): Promise<void> {
  const status = await getJson<VoterStatus>('/api/voter/status', state.token);
  if (status.alreadyVoted) return stopAt('voted');
  if (!status.castingOpen) return stopAt('closed');
  if (!state.credential) {
    step('step-password-again');
    return;
  }
  await openBallot();
}

async function stopAt(kind: 'voted' | 'closed'): Promise<void> {
  state.stop = kind;
  renderStop();
  step('step-stop');
}

function renderStop(): void {
  if (!state.stop) return;
  const voted = state.stop === 'voted';
  byId('step-stop-h').textContent = t(voted ? 'booth.voted.title' : 'booth.closed.title');
  byId('step-stop-text').textContent = t(voted ? 'booth.voted.text' : 'booth.closed.text');
  const kept = loadReceipts().find((r) => !r.electionId || r.electionId === state.electionId);
  const links: HTMLElement[] = [];
  if (voted && kept) links.push(el('a', { class: 'button primary', href: `index.html#code=${encodeURIComponent(kept.readableTrackingCode ?? readableTrackingCode(kept.trackingCode))}`, id: 'stop-kept-receipt' }, t('booth.voted.checkKept')));
  links.push(el('a', { class: 'button secondary', href: 'index.html#receipt', id: 'stop-lookup' }, t(voted ? 'booth.voted.lookup' : 'booth.closed.board')));
  byId('step-stop-actions').replaceChildren(...links);
}

async function passwordAgain(): Promise<void> {
  const password = byId<HTMLInputElement>('again-password').value;
  if (!password) throw new BoothInputError(t('booth.login.missing'));
  const key = credentialFor(state.electionId!, state.username!, password);
  // The key this password gives must be the voter's current public credential (GET /api/voter/status):
  // a mistyped password is told now, not after the whole ballot when the signature is refused.
  const { credential } = await getJson<VoterStatus>('/api/voter/status', state.token);
  if (credential !== undefined && credential !== key.publicKey) {
    byId<HTMLInputElement>('again-password').value = '';
    throw new BoothInputError(t('booth.again.wrong'));
  }
  state.credential = key;
  byId<HTMLInputElement>('again-password').value = '';
  await openBallot();
}

async function openBallot(): Promise<void> {
  step('step-ballot');
  await withProgress('ballot-progress', t('booth.loadingBallot'), loadBallot);
}

async function loadBallot(): Promise<void> {
  const d = await getJson<BallotDefinition>('/api/voter/ballot', state.token);
  state.definition = d;
  drawBallot();
  byId('ballot-progress').textContent = t('booth.preparingKeys');
  await nextFrame();
  const publicKey = group.decode(fromHex(d.publicKey, 32));
  const context = electionContext(fromHex(d.manifestHash, 32), publicKey);
  // The key and manifest the server sent must be the ones every proof binds to.
  if (toHex(context.baseHash) !== d.baseHash) throw new BoothInputError(t('booth.baseHashMismatch'));
  state.context = context;
  state.style = { id: d.styleId, contests: d.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  // In slices of a few milliseconds: the ballot is on screen and the voter may scroll and mark
  // it meanwhile (built at once, the tables froze a phone for over a second).
  state.tables = undefined;
  state.tables = await (state.tablesBuilding = runInSlices(encryptionTablesInSlices(publicKey, { window: BOOTH_FIXED_BASE_WINDOW })));
}

function drawBallot(): void {
  if (!state.definition) return;
  state.ballot = renderBallot(byId('contests'), state.definition, state.marks, () => {
    for (const c of state.definition!.contests) state.marks.set(c.id, state.ballot!.marks(c.id));
  });
}

/** The option of each contest from the marks; a contest with none is pointed at, on screen and for screen readers. */
function readSelections(): BallotSelections | undefined {
  const d = state.definition!;
  const selections: Record<string, string> = {};
  const missing: string[] = [];
  for (const contest of d.contests) {
    const outcome = optionForMarks(contest, state.ballot!.marks(contest.id));
    const fs = document.querySelector<HTMLElement>(`fieldset[data-contest="${CSS.escape(contest.id)}"]`)!;
    const error = fs.querySelector<HTMLElement>('.field-error')!;
    if (outcome.kind === 'none') {
      missing.push(contest.id);
      error.hidden = false;
      error.textContent = t('booth.missingHere', { contest: contestName(contest) });
    } else {
      error.hidden = true;
      selections[contest.id] = outcome.optionId;
    }
  }
  if (missing.length) {
    const first = document.querySelector<HTMLElement>(`fieldset[data-contest="${CSS.escape(missing[0])}"]`)!;
    first.scrollIntoView({ block: 'start' });
    first.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    announce(t('booth.missingCount', { n: missing.length }));
    return undefined;
  }
  return selections;
}

async function toReview(): Promise<void> {
  if (!state.tables) await withProgress('ballot-progress', t('booth.preparingKeys'), tablesReady);
  const selections = readSelections();
  if (!selections) return;
  state.selections = selections;
  renderReview();
  step('step-review');
  await encrypt();
}

/** A voter who marked quickly waits for the tables being built; after a failed load, it starts again. */
async function tablesReady(): Promise<void> {
  if (state.tablesBuilding) state.tables = await state.tablesBuilding;
  else await loadBallot();
}

/** The plain choices per contest, each with a way back to change it. */
function renderReview(): void {
  const d = state.definition;
  if (!d || !state.selections) return;
  const list = byId('review-choices');
  list.replaceChildren();
  for (const c of d.contests) {
    const outcome = optionForMarks(c, state.marks.get(c.id) ?? marksForOption(c, state.selections[c.id]));
    const change = el('button', { type: 'button', class: 'link-button', 'data-change': c.id }, t('booth.review.change'));
    change.setAttribute('aria-label', t('booth.review.changeIn', { contest: contestName(c) }));
    change.addEventListener('click', () => backToBallot(c.id));
    list.append(el('div', { class: 'review-row', 'data-contest': c.id },
      el('dt', {}, contestName(c)),
      el('dd', { 'data-outcome': outcome.kind }, outcomeText(c, outcome)),
      el('dd', {}, change)));
  }
}

function backToBallot(contestId?: string): void {
  state.encrypted = undefined;
  show('cast-code-step', false);
  step('step-ballot');
  if (contestId) {
    const fs = document.querySelector<HTMLElement>(`fieldset[data-contest="${CSS.escape(contestId)}"]`);
    fs?.scrollIntoView({ block: 'center' });
    fs?.querySelector<HTMLInputElement>('input')?.focus();
  }
}

async function encrypt(): Promise<void> {
  const d = state.definition!;
  for (const id of ['cast', 'audit']) byId<HTMLButtonElement>(id).disabled = true;
  byId('review-code').textContent = '';
  byId('audit-result').hidden = true;
  show('cast-code-step', false);
  await withProgress('encrypt-progress', t('booth.encrypting'), async () => {
    if (!state.credential) throw new BoothInputError(t('booth.noCredential'));
    const { ballot, secrets } = encryptBallot({ context: state.context!, tables: state.tables!, style: state.style!, pseudonym: d.pseudonym, credential: state.credential, selections: state.selections! });
    state.encrypted = { ballot, secrets };
    byId('review-code').textContent = readableTrackingCode(ballot.trackingCode);
  });
  for (const id of ['cast', 'audit', 'back']) byId<HTMLButtonElement>(id).disabled = false;
  announce(t('booth.encrypted'));
}

/** Benaloh challenge: publish the opened ballot, check its disclosure here, then encrypt afresh. */
async function audit(): Promise<void> {
  const { ballot, secrets } = state.encrypted!;
  const shown = ballot.trackingCode;
  const out = byId('audit-result');
  out.hidden = false;
  out.replaceChildren(el('p', { class: 'progress' }, t('booth.auditing')));
  for (const id of ['cast', 'audit']) byId<HTMLButtonElement>(id).disabled = true;
  state.encrypted = undefined; // an audited ballot can never be cast
  const spoiled = spoilBallot(ballot as Parameters<typeof spoilBallot>[0], secrets);
  // The binding nonce lets the server check the ballot is this voter's; it is kept sealed, so
  // the published spoiled ballot names nobody (a new encryption gets a new one).
  await postJson('/api/voter/spoil', { spoiled, bindingNonce: secrets.bindingNonce }, state.token);
  await nextFrame();
  const result = auditSpoiledBallot(spoiled, state.context!, ballotStyles([state.style!]), shown);
  const matches = result.ok && state.definition!.contests.every((c) => result.selections[c.id] === state.selections![c.id]);
  const list = el('ul', {});
  if (result.ok) {
    for (const c of state.definition!.contests) {
      const o = c.options.find((x) => x.id === result.selections[c.id]);
      list.append(el('li', {}, `${contestName(c)}: ${o ? (o.candidate ? `${optionName(o)} — ${o.candidate}` : optionName(o)) : result.selections[c.id]}`));
    }
  } else {
    list.append(el('li', {}, t('booth.audit.failedChecks', { n: result.failures.length })));
  }
  const readable = readableTrackingCode(shown);
  const again = el('button', { type: 'button', class: 'primary', id: 'reencrypt' }, t('booth.reencrypt'));
  again.addEventListener('click', guarded(encrypt));
  out.dataset.state = matches ? 'match' : 'mismatch';
  out.replaceChildren(
    el('p', { class: matches ? 'ok' : 'bad' }, `${matches ? '✔' : '✘'} ${t(matches ? 'booth.challenge.ok' : 'booth.challenge.bad')}`),
    el('p', { class: 'muted' }, t('booth.audit.result')),
    list,
    el('p', {}, t('booth.audit.code'), ' ', el('span', { class: 'tracking-code', id: 'audit-code' }, readable)),
    el('p', {}, el('a', { href: `verificar.html#code=${encodeURIComponent(readable)}`, id: 'audit-check-link' }, t('booth.audit.checkElsewhere'))),
    ...(matches ? [again] : []),
  );
}

async function requestCastCode(): Promise<void> {
  byId<HTMLButtonElement>('cast').disabled = true;
  byId<HTMLButtonElement>('audit').disabled = true;
  const r = await postJson<Challenge>('/api/voter/cast/code', {}, state.token);
  state.castChallengeId = r.challengeId;
  byId('cast-code-sent-to').textContent = t('booth.cast.code', { phone: r.sentTo ?? '••••' });
  byId<HTMLInputElement>('cast-code').value = '';
  show('cast-code-step', true);
  byId('cast-code').focus();
}

async function cast(): Promise<void> {
  if (!state.encrypted) throw new BoothInputError(t('booth.noBallot'));
  const code = byId<HTMLInputElement>('cast-code').value.replace(/\s+/g, '');
  if (!codeShapeOk(code)) {
    fieldError('cast-code-error', t('booth.code.shape'));
    byId('cast-code').focus();
    return;
  }
  fieldError('cast-code-error', undefined);
  byId<HTMLButtonElement>('cast-confirm').disabled = true;
  try {
    const { ballot, secrets } = state.encrypted;
    // The signature and the public credential go only with a cast ballot (a spoiled one would be named by them).
    const receipt = await withProgress('cast-progress', t('booth.casting'), () => postJson<Receipt>('/api/voter/cast', {
      ballot, bindingNonce: secrets.bindingNonce, credential: state.credential!.publicKey, signature: secrets.signature, challengeId: state.castChallengeId, code,
    }, state.token));
    state.encrypted = undefined;
    state.receipt = receipt;
    showReceipt(receipt);
  } finally {
    byId<HTMLButtonElement>('cast-confirm').disabled = false;
  }
}

function showReceipt(r: Receipt): void {
  const electionId = state.definition?.electionId ?? state.electionId;
  // Kept in this browser: the board checks inclusion and consistency when the voter comes back.
  const saved = saveReceipt({ ...r, electionId, savedAt: new Date().toISOString() });
  byId('receipt-saved').textContent = t(saved ? 'booth.receipt.saved' : 'booth.receipt.notSaved');
  byId('receipt-code').textContent = r.readableTrackingCode;
  byId('receipt-full').textContent = r.trackingCode;
  byId('receipt-index').textContent = String(r.logIndex);
  byId('receipt-checkpoint').textContent = r.checkpoint;
  const url = lookupUrl(r.readableTrackingCode);
  byId('receipt-qr').replaceChildren(qrSvg(url, t('booth.receipt.qr', { url })), el('figcaption', {}, t('booth.receipt.qrCaption')));
  const json = JSON.stringify({ ...r, electionId, savedAt: new Date().toISOString() }, null, 2);
  byId<HTMLAnchorElement>('receipt-download').href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  byId<HTMLAnchorElement>('receipt-verify').href = `index.html#code=${encodeURIComponent(r.readableTrackingCode)}`;
  byId<HTMLAnchorElement>('receipt-print').href = `comprobante.html#code=${encodeURIComponent(r.readableTrackingCode)}`;
  step('step-receipt');
  void checkReceiptHere(r);
}

/**
 * The receipt checked in this browser at once, not only later on the board: the latest
 * checkpoint verified with the log key and witnesses this browser remembers (pinned-trust.ts,
 * shared with the board), the ballot's inclusion in it, and the receipt's own checkpoint
 * consistent with it. A server showing this voter a view of its own, or a changed key, is
 * told here in plain words.
 */
async function checkReceiptHere(r: Receipt): Promise<void> {
  const out = byId('receipt-check');
  out.dataset.state = 'checking';
  out.className = 'muted';
  out.textContent = t('booth.receipt.checking');
  const api = { getJson, getText };
  for (let attempt = 0; ; attempt++) {
    try {
      const trust = pinnedTrust();
      const latest = await fetchVerifiedCheckpoint(api, trust);
      const checked = await checkReceipt(api, r.readableTrackingCode, latest, r.checkpoint);
      const policy = trust.policy;
      out.dataset.state = 'verified';
      out.className = 'ok';
      out.textContent = policy && policy.witnesses.length > 0
        ? t('booth.receipt.checkedWitnessed', { size: checked.treeSize, count: trust.last?.cosigners.length ?? 0, total: policy.witnesses.length, names: (trust.last?.cosigners ?? []).map((c) => c.name).join(', ') })
        : t('booth.receipt.checked', { size: checked.treeSize });
      return;
    } catch (err) {
      // The newest checkpoint may lag the receipt's by a moment: try again a few times.
      if ((err as { code?: string }).code === 'not_yet_checkpointed' && attempt < 5) {
        await new Promise((ok) => setTimeout(ok, 2000));
        continue;
      }
      out.dataset.state = 'failed';
      out.className = 'bad';
      out.replaceChildren(
        el('strong', {}, t('booth.receipt.checkFailed')),
        el('details', {}, el('summary', {}, t('booth.receipt.checkFailedDetails')), el('code', {}, err instanceof Error ? err.message : String(err))),
      );
      return;
    }
  }
}

async function logout(): Promise<void> {
  if (state.token) await postJson('/api/voter/logout', {}, state.token).catch(() => undefined);
  forgetSession();
  state.token = undefined;
  location.reload();
}

/** Leaving mid-ballot asks first: marks and an encrypted, uncast ballot would be lost. */
function guardLeaving(ev: BeforeUnloadEvent): void {
  const midBallot = (state.current === 'step-ballot' && [...state.marks.values()].some((m) => m.length > 0)) || state.current === 'step-review';
  if (!midBallot) return;
  ev.preventDefault();
  ev.returnValue = '';
}

/** After a language switch: the parts drawn from data, in the new language. */
function redraw(): void {
  translatePage();
  document.title = t('booth.title');
  if (state.definition && state.current === 'step-ballot') drawBallot();
  if (state.current === 'step-review') renderReview();
  renderStop();
  if (state.codeExpiresAt) startCountdown();
  if (state.receipt && state.current === 'step-receipt') showReceipt(state.receipt);
  byId('lang').setAttribute('lang', language() === 'es' ? 'en' : 'es-MX');
}

async function resume(): Promise<void> {
  const kept = keptSession();
  if (!kept) return;
  Object.assign(state, { token: kept.token, username: kept.username, electionId: kept.electionId });
  try {
    await afterSignIn();
  } catch (err) {
    // A session the server no longer knows: sign in again, no harm done.
    forgetSession();
    state.token = undefined;
    step('step-login');
    if (!(err instanceof ApiError && err.status === 401)) showError(err);
  }
}

async function main(): Promise<void> {
  // The shared frame (banner with the period and deadline in Mexico City time, help, contact,
  // privacy) is the board's; its translator knows board keys only, so the booth's own pass runs after.
  const layout = initLayout(redraw);
  translatePage();
  document.title = t('booth.title');
  byId('login-form').addEventListener('submit', guarded(login));
  byId('resend-form').addEventListener('submit', guarded(askPasswordResend));
  byId('code-form').addEventListener('submit', guarded(confirmLogin));
  byId('resend-code').addEventListener('click', guarded(resendLoginCode));
  byId('code-back').addEventListener('click', guarded(backToSignIn));
  byId('again-form').addEventListener('submit', guarded(passwordAgain));
  byId('ballot-form').addEventListener('submit', guarded(toReview));
  byId('audit').addEventListener('click', guarded(audit));
  byId('cast').addEventListener('click', guarded(requestCastCode));
  byId('cast-resend').addEventListener('click', guarded(requestCastCode));
  byId('cast-form').addEventListener('submit', guarded(cast));
  byId('back').addEventListener('click', () => backToBallot());
  byId('logout').addEventListener('click', guarded(logout));
  window.addEventListener('beforeunload', guardLeaving);
  step('step-login', false);
  await resume();
  await layout.catch(() => undefined);
  translatePage();
  document.body.dataset.ready = 'true';
}

void main();
