/**
 * The voter's booth: sign in (the password derives the credential key here, which signs the
 * server's challenge; then a code by SMS), fill the ballot of the voter's style, encrypt it and
 * sign it IN THIS BROWSER, then either cast it (confirmed with a new SMS code) or
 * audit it (Benaloh: the spoiled ballot is published and its disclosure checked here, then the
 * choices are encrypted afresh, with a new voter binding). The plaintext choices never leave the
 * browser unless the voter audits; an audited ballot is never counted and is published with
 * nothing that names the voter (its binding nonce goes to the server, never to the board).
 */
import {
  auditSpoiledBallot,
  ballotStyles,
  deriveCredentialKey,
  electionContext,
  signLogin,
  encryptBallot,
  encryptionTables,
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
import { joinBoth, pair } from '../../src/messages/catalog';
import type { Receipt, VoterBallot as BallotDefinition } from '../../src/voting/voter-api-types';
import { ApiError, getJson, postJson } from './api';
import { byId, el, show } from './dom';
import { language, setLanguage, translator } from './i18n';

const { t, translatePage } = translator(boothMessages);

const STEPS = ['step-login', 'step-code', 'step-ballot', 'step-review', 'step-receipt'] as const;

const state: {
  challengeId?: string;
  token?: string;
  definition?: BallotDefinition;
  context?: ElectionContext;
  tables?: EncryptionTables;
  style?: BallotStyle;
  selections?: BallotSelections;
  encrypted?: { ballot: { trackingCode: string }; secrets: BallotSecrets };
  castChallengeId?: string;
  /** The voter's credential key, derived here from what they typed; it never leaves the browser. */
  credential?: SigningKey;
} = {};

/** Lets the browser paint a progress text before a long synchronous computation. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

function step(id: (typeof STEPS)[number]): void {
  for (const s of STEPS) show(s, s === id);
  show('logout', state.token !== undefined);
}

function showError(err: unknown): void {
  const box = byId('error');
  box.hidden = false;
  box.textContent = err instanceof ApiError ? err.text() : `${t('error.generic')}: ${err instanceof Error ? err.message : String(err)}`;
  box.dataset.code = err instanceof ApiError ? err.code : 'client';
}

function clearError(): void {
  byId('error').hidden = true;
}

/** Runs a step's action; any failure is shown to the voter, in their language. */
function guarded(fn: () => Promise<void>): (ev?: Event) => void {
  return (ev) => {
    ev?.preventDefault();
    clearError();
    fn().catch(showError);
  };
}

/**
 * Sign-in by proof of possession (docs/spec/credentials.md): the password never leaves this page.
 * It derives the voter's credential key, which signs the server's fresh challenge now and the
 * ballot later.
 */
async function login(): Promise<void> {
  const username = byId<HTMLInputElement>('username').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  const { challenge, electionId } = await postJson<{ challenge: string; electionId: string }>('/api/voter/login/challenge', {});
  const canonical = canonicalUsername(username) ?? username;
  const credential = deriveCredentialKey(electionId, canonical, canonicalPassword(password));
  const r = await postJson<{ challengeId: string }>('/api/voter/login', { username, challenge, signature: signLogin(credential, electionId, canonical, challenge) });
  state.challengeId = r.challengeId;
  state.credential = credential;
  byId<HTMLInputElement>('password').value = '';
  step('step-code');
  byId('login-code').focus();
}

async function confirmLogin(): Promise<void> {
  const code = byId<HTMLInputElement>('login-code').value.trim();
  const r = await postJson<{ sessionToken: string }>('/api/voter/login/confirm', { challengeId: state.challengeId, code });
  state.token = r.sessionToken;
  step('step-ballot');
  await loadBallot();
}

async function loadBallot(): Promise<void> {
  const progress = byId('encrypt-progress');
  progress.hidden = false;
  progress.textContent = t('booth.loadingBallot');
  const d = await getJson<BallotDefinition>('/api/voter/ballot', state.token);
  state.definition = d;
  renderBallot(d);
  progress.textContent = t('booth.preparingKeys');
  await nextFrame();
  const publicKey = group.decode(fromHex(d.publicKey, 32));
  const context = electionContext(fromHex(d.manifestHash, 32), publicKey);
  // The key and manifest the server sent must be the ones every proof binds to.
  if (toHex(context.baseHash) !== d.baseHash) throw new Error(joinBoth(pair(boothMessages, 'booth.baseHashMismatch'), 'en'));
  state.context = context;
  state.tables = encryptionTables(publicKey);
  state.style = { id: d.styleId, contests: d.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  progress.hidden = true;
}

function renderBallot(d: BallotDefinition): void {
  const box = byId('contests');
  box.replaceChildren();
  for (const contest of d.contests) {
    const fs = el('fieldset', { 'data-contest': contest.id }, el('legend', {}, contest.label));
    for (const option of contest.options) {
      const id = `opt-${contest.id}-${option.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const input = el('input', { type: 'radio', name: `contest-${contest.id}`, value: option.id, id });
      const text = option.candidate ? `${option.label} — ${option.candidate}` : option.label;
      fs.append(el('label', { for: id }, input, text));
    }
    box.append(fs);
  }
}

function readSelections(): BallotSelections {
  const d = state.definition!;
  const selections: Record<string, string> = {};
  const missing: string[] = [];
  for (const contest of d.contests) {
    const checked = document.querySelector<HTMLInputElement>(`input[name="contest-${CSS.escape(contest.id)}"]:checked`);
    if (checked) selections[contest.id] = checked.value;
    else missing.push(contest.label);
  }
  if (missing.length) throw new Error(`${t('booth.missingChoice')} ${missing.join(', ')}`);
  return selections;
}

async function encrypt(selections: BallotSelections): Promise<void> {
  const d = state.definition!;
  const progress = byId('encrypt-progress');
  progress.hidden = false;
  progress.textContent = t('booth.encrypting');
  byId<HTMLButtonElement>('encrypt').disabled = true;
  await nextFrame();
  try {
    if (!state.credential) throw new Error(joinBoth(pair(boothMessages, 'booth.noCredential'), 'en'));
    const { ballot, secrets } = encryptBallot({ context: state.context!, tables: state.tables!, style: state.style!, pseudonym: d.pseudonym, credential: state.credential, selections });
    state.selections = selections;
    state.encrypted = { ballot, secrets };
    byId('review-code').textContent = readableTrackingCode(ballot.trackingCode);
    byId('review-code').title = ballot.trackingCode;
    byId('audit-result').hidden = true;
    show('cast-code-step', false);
    for (const id of ['cast', 'audit', 'back']) byId<HTMLButtonElement>(id).disabled = false;
    step('step-review');
  } finally {
    progress.hidden = true;
    byId<HTMLButtonElement>('encrypt').disabled = false;
  }
}

async function onEncrypt(): Promise<void> {
  if (!state.tables) await loadBallot();
  await encrypt(readSelections());
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
      list.append(el('li', {}, `${c.label}: ${o ? (o.candidate ? `${o.label} — ${o.candidate}` : o.label) : result.selections[c.id]}`));
    }
  } else {
    for (const f of result.failures) list.append(el('li', {}, `${f.check}: ${f.reason}`));
  }
  const again = el('button', { type: 'button', class: 'primary', id: 'reencrypt' }, t('booth.reencrypt'));
  again.addEventListener('click', guarded(() => encrypt(state.selections!)));
  out.dataset.state = matches ? 'match' : 'mismatch';
  out.replaceChildren(
    el('p', { class: matches ? 'ok' : 'bad' }, `${matches ? '✔' : '✘'} ${t(matches ? 'booth.challenge.ok' : 'booth.challenge.bad')}`),
    el('p', { class: 'muted' }, t('booth.audit.result')),
    list,
    ...(matches ? [again] : []),
  );
}

async function requestCastCode(): Promise<void> {
  byId<HTMLButtonElement>('cast').disabled = true;
  byId<HTMLButtonElement>('audit').disabled = true;
  const r = await postJson<{ challengeId: string }>('/api/voter/cast/code', {}, state.token);
  state.castChallengeId = r.challengeId;
  show('cast-code-step', true);
  byId('cast-code').focus();
}

async function cast(): Promise<void> {
  if (!state.encrypted) throw new Error('no encrypted ballot to cast');
  const code = byId<HTMLInputElement>('cast-code').value.trim();
  const progress = byId('cast-progress');
  progress.hidden = false;
  progress.textContent = t('booth.casting');
  byId<HTMLButtonElement>('cast-confirm').disabled = true;
  try {
    const { ballot, secrets } = state.encrypted;
    // The signature and the public credential go only with a cast ballot (a spoiled one would be named by them).
    const receipt = await postJson<Receipt>('/api/voter/cast', {
      ballot, bindingNonce: secrets.bindingNonce, credential: state.credential!.publicKey, signature: secrets.signature, challengeId: state.castChallengeId, code,
    }, state.token);
    state.encrypted = undefined;
    showReceipt(receipt);
  } finally {
    progress.hidden = true;
    byId<HTMLButtonElement>('cast-confirm').disabled = false;
  }
}

function showReceipt(r: Receipt): void {
  byId('receipt-code').textContent = r.readableTrackingCode;
  byId('receipt-full').textContent = r.trackingCode;
  byId('receipt-index').textContent = String(r.logIndex);
  byId('receipt-checkpoint').textContent = r.checkpoint;
  const json = JSON.stringify({ ...r, electionId: state.definition?.electionId, savedAt: new Date().toISOString() }, null, 2);
  const link = byId<HTMLAnchorElement>('receipt-download');
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  byId<HTMLAnchorElement>('receipt-verify').href = `index.html#code=${encodeURIComponent(r.readableTrackingCode)}`;
  step('step-receipt');
}

async function logout(): Promise<void> {
  if (state.token) await postJson('/api/voter/logout', {}, state.token).catch(() => undefined);
  location.reload();
}

function main(): void {
  setLanguage(language());
  translatePage();
  byId('lang').addEventListener('click', () => {
    setLanguage(language() === 'es' ? 'en' : 'es');
    translatePage();
    document.title = t('booth.title');
  });
  byId('login-form').addEventListener('submit', guarded(login));
  byId('code-form').addEventListener('submit', guarded(confirmLogin));
  byId('ballot-form').addEventListener('submit', guarded(onEncrypt));
  byId('audit').addEventListener('click', guarded(audit));
  byId('cast').addEventListener('click', guarded(requestCastCode));
  byId('cast-form').addEventListener('submit', guarded(cast));
  byId('back').addEventListener('click', () => {
    state.encrypted = undefined;
    step('step-ballot');
  });
  byId('logout').addEventListener('click', guarded(logout));
  step('step-login');
  document.body.dataset.ready = 'true';
}

main();
