/**
 * The Settings sidebar (SPEC §6): a form over the Settings tab with each field's error under it,
 * the next number of each pattern (updated as a pattern is typed), the monthly run's schedule
 * with Install / Remove, and what the next monthly run would bill and send.
 *
 * Plain HTML and a little JavaScript, no external resource. Every value put in the page is
 * escaped; what the server sends back later is put in with textContent. The page talks to the
 * server only through google.script.run: sidebarLoad, sidebarSave, sidebarPreviewNumber and
 * sidebarSchedule.
 */
import {
  PATTERN_KEYS,
  SIDEBAR_FIELDS,
  type FieldKind,
  type NumberPreview,
  type PatternKey,
  type SectionKey,
  type SidebarKey,
} from '../sheets/settings-form';
import type { Lang } from '../sheets/tabs';
import { escapeHtml as e } from './emails';
import { t } from '../texts';

/** The server functions the page calls (top-level functions of the bundle). */
export const SIDEBAR_FUNCTIONS = [
  'sidebarLoad',
  'sidebarSave',
  'sidebarPreviewNumber',
  'sidebarSchedule',
] as const;

export interface FieldView {
  readonly key: SidebarKey;
  readonly label: string;
  readonly kind: FieldKind;
  readonly value: string;
  readonly error?: string;
  readonly required?: boolean;
  /** For a select: value → label. */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
}

/** What the next monthly run would do. */
export interface NextRunView {
  /** The day of the next monthly job, formatted; empty when there is none. */
  readonly date: string;
  readonly autoSend: boolean;
  /** The invoices it would bill: buyer and total incl. VAT, formatted. */
  readonly drafts: readonly { readonly buyer: string; readonly total: string }[];
  /** Issued invoices not emailed yet. */
  readonly unsentInvoices: number;
  /** Billing calls to email to providers. */
  readonly billingCalls: number;
  /** Problems found in the tabs (reported in the Journal by a run). */
  readonly problems: number;
}

export interface SidebarView {
  readonly lang: Lang;
  readonly fields: readonly FieldView[];
  readonly numbers: Readonly<Partial<Record<PatternKey, NumberPreview>>>;
  readonly scheduled: boolean;
  /** Null until the page has loaded it. */
  readonly nextRun: NextRunView | null;
}

const TEXT_NAMES = [
  'organisation',
  'identifiers',
  'bank',
  'emails',
  'numbering',
  'billing',
  'save',
  'saving',
  'next',
  'forProvider',
  'patternHelp',
  'dayHelp',
  'termsHelp',
  'remindersHelp',
  'autoSendHelp',
  'schedule',
  'scheduled',
  'notScheduled',
  'install',
  'remove',
  'nextRun',
  'nextDate',
  'toBill',
  'none',
  'toSend',
  'unsent',
  'calls',
  'drafts',
  'stayDrafts',
  'problems',
  'loading',
  'failed',
] as const;

type Texts = Record<(typeof TEXT_NAMES)[number], string>;

/** The page's texts, by name (`sidebar.text.<name>` in the catalogue). */
export function sidebarTexts(lang: Lang): Texts {
  const texts = {} as Texts;
  for (const name of TEXT_NAMES) texts[name] = t(lang, `sidebar.text.${name}`);
  return texts;
}

export function sidebarTitle(lang: Lang): string {
  return t(lang, 'sidebar.title');
}

const HELP: Partial<Record<FieldKind, keyof Texts>> = {
  pattern: 'patternHelp',
  day: 'dayHelp',
  terms: 'termsHelp',
  reminders: 'remindersHelp',
  bool: 'autoSendHelp',
};

function nextLine(p: NumberPreview | undefined, tx: Texts): string {
  if (!p) return '';
  if (!p.ok) return `<span class="bad">${e(p.error)}</span>`;
  const who = p.provider
    ? ` <span class="muted">(${e(tx.forProvider)} ${e(p.provider)})</span>`
    : '';
  return `${e(tx.next)} <b class="num">${e(p.next)}</b>${who}`;
}

function fieldHtml(f: FieldView, view: SidebarView, tx: Texts): string {
  const id = `f-${f.key}`;
  const name = e(f.key);
  let input: string;
  if (f.kind === 'bool') {
    const on = ['oui', 'yes', 'true', 'vrai'].includes(f.value.toLowerCase());
    input = `<label class="check"><input id="${id}" name="${name}" type="checkbox"${on ? ' checked' : ''}> ${e(f.label)}</label>`;
  } else if (f.kind === 'billingMode') {
    const opts = (f.options ?? [])
      .map(
        (o) =>
          `<option value="${e(o.value)}"${o.value === f.value ? ' selected' : ''}>${e(o.label)}</option>`,
      )
      .join('');
    input = `<select id="${id}" name="${name}">${opts}</select>`;
  } else {
    const mode =
      f.kind === 'terms' || f.kind === 'day'
        ? ' inputmode="numeric"'
        : f.kind === 'email' || f.kind === 'emails'
          ? ' inputmode="email"'
          : '';
    input = `<input id="${id}" name="${name}" type="text"${mode} value="${e(f.value)}" autocomplete="off" spellcheck="false">`;
  }
  const label =
    f.kind === 'bool'
      ? ''
      : `<label for="${id}">${e(f.label)}${f.required ? ' <span class="req">*</span>' : ''}</label>`;
  const helpKey = HELP[f.kind];
  const help = helpKey ? `<div class="help">${e(tx[helpKey])}</div>` : '';
  const next =
    f.kind === 'pattern'
      ? `<div class="next" data-next-for="${name}">${nextLine(view.numbers[f.key as PatternKey], tx)}</div>`
      : '';
  const error = `<div class="error" data-error-for="${name}">${e(f.error ?? '')}</div>`;
  return `<div class="field">${label}${input}${help}${next}${error}</div>`;
}

function nextRunHtml(n: NextRunView | null, tx: Texts): string {
  if (!n) return `<p class="muted">${e(tx.loading)}</p>`;
  const drafts =
    n.drafts.length === 0
      ? `<p class="muted">${e(tx.none)}</p>`
      : `<ul class="drafts">${n.drafts
          .map((d) => `<li><span>${e(d.buyer)}</span><span class="amt">${e(d.total)}</span></li>`)
          .join('')}</ul>`;
  const send: string[] = [];
  if (n.autoSend && n.drafts.length > 0) send.push(`${n.drafts.length} ${tx.drafts}`);
  send.push(`${n.unsentInvoices} ${tx.unsent}`, `${n.billingCalls} ${tx.calls}`);
  return [
    `<p>${e(tx.nextDate)} <b id="next-date">${e(n.date || '—')}</b></p>`,
    `<h3>${e(tx.toBill)} (${n.drafts.length})</h3>`,
    drafts,
    n.autoSend || n.drafts.length === 0 ? '' : `<p class="warn">${e(tx.stayDrafts)}</p>`,
    `<h3>${e(tx.toSend)}</h3>`,
    `<ul class="plain">${send.map((s) => `<li>${e(s)}</li>`).join('')}</ul>`,
    n.problems > 0 ? `<p class="warn">${e(`${n.problems} ${tx.problems}`)}</p>` : '',
  ].join('');
}

/** JSON for a script element: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SECTIONS: readonly SectionKey[] = [
  'organisation',
  'identifiers',
  'bank',
  'emails',
  'numbering',
  'billing',
];

export function settingsSidebarHtml(view: SidebarView): string {
  const tx = sidebarTexts(view.lang);
  const byKey = new Map(view.fields.map((f) => [f.key, f]));
  const sections = SECTIONS.map((s) => {
    const fields = SIDEBAR_FIELDS.filter((f) => f.section === s)
      .map((f) => byKey.get(f.key))
      .filter((f): f is FieldView => f !== undefined);
    if (fields.length === 0) return '';
    return `<fieldset><legend>${e(tx[s])}</legend>${fields.map((f) => fieldHtml(f, view, tx)).join('')}</fieldset>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="${view.lang}"><head><base target="_top"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(sidebarTitle(view.lang))}</title>
<style>
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1f2933;margin:0;padding:10px 12px 16px;background:#fff}
h2{font-size:14px;margin:16px 0 6px;padding-top:10px;border-top:1px solid #dadce0}
h3{font-size:12px;margin:10px 0 4px;color:#3c4043}
fieldset{border:0;margin:0 0 6px;padding:0}
legend{font-weight:bold;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#1a73e8;padding:8px 0 2px}
.field{margin-top:8px}
label{display:block;font-weight:bold;font-size:12px;margin-bottom:3px}
label.check{font-weight:normal;font-size:13px}
input[type=text],select{width:100%;padding:5px 6px;font-size:13px;border:1px solid #c4c7c5;border-radius:4px}
input[aria-invalid=true]{border-color:#d93025}
.req{color:#d93025}
.help{color:#5f6b7a;font-size:11px;margin-top:2px}
.next{font-size:12px;margin-top:3px;color:#137333}
.num{font-family:Consolas,Menlo,monospace}
.error{color:#d93025;font-size:12px;margin-top:2px}
.error:empty{display:none}
.bad{color:#b06000}
.muted{color:#5f6b7a}
.warn{color:#b06000;font-size:12px}
.bar{position:sticky;bottom:0;background:#fff;padding:8px 0 4px;border-top:1px solid #dadce0;margin-top:10px}
button{padding:6px 12px;font-size:13px;border-radius:4px;border:1px solid #c4c7c5;background:#f8f9fa;cursor:pointer}
button.primary{background:#1a73e8;border-color:#1a73e8;color:#fff;font-weight:bold}
button:disabled{opacity:.6;cursor:default}
.outcome{font-size:12px;margin-top:6px}
.outcome.ok{color:#137333}
.outcome.ko{color:#d93025}
.buttons button{margin-right:6px}
ul.drafts,ul.plain{margin:0;padding:0;list-style:none}
ul.drafts li{display:flex;justify-content:space-between;gap:8px;padding:2px 0;border-bottom:1px dotted #dadce0}
ul.plain li{padding:1px 0}
.amt{white-space:nowrap;font-variant-numeric:tabular-nums}
</style></head>
<body>
<form id="form" novalidate>
${sections}
<div class="bar"><button type="submit" id="save" class="primary">${e(tx.save)}</button><div id="outcome" class="outcome" role="status"></div></div>
</form>
<h2>${e(tx.schedule)}</h2>
<p id="schedule-status">${e(view.scheduled ? tx.scheduled : tx.notScheduled)}</p>
<div class="buttons"><button type="button" id="install"${view.scheduled ? ' disabled' : ''}>${e(tx.install)}</button><button type="button" id="remove"${view.scheduled ? '' : ' disabled'}>${e(tx.remove)}</button></div>
<div id="schedule-outcome" class="outcome" role="status"></div>
<h2>${e(tx.nextRun)}</h2>
<div id="next-run">${nextRunHtml(view.nextRun, tx)}</div>
<script id="texts" type="application/json">${scriptJson(tx)}</script>
<script>
${SCRIPT.replace('__PATTERNS__', scriptJson(PATTERN_KEYS))}
</script>
</body></html>`;
}

/** The page's behaviour; server answers are put in with textContent only. */
const SCRIPT = `(function () {
  var T = JSON.parse(document.getElementById('texts').textContent);
  var PATTERNS = __PATTERNS__;
  var form = document.getElementById('form');
  var outcome = document.getElementById('outcome');
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function show(node, ok, message) {
    node.className = 'outcome ' + (ok ? 'ok' : 'ko');
    node.textContent = message || '';
  }
  function failed(node) {
    return function (err) { show(node, false, T.failed + ' ' + String((err && err.message) || err)); };
  }
  function showErrors(errors) {
    var nodes = document.querySelectorAll('[data-error-for]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-error-for');
      nodes[i].textContent = (errors && errors[key]) || '';
      var input = form.elements[key];
      if (input && input.setAttribute) input.setAttribute('aria-invalid', errors && errors[key] ? 'true' : 'false');
    }
  }
  function showNumber(key, p) {
    var node = document.querySelector('[data-next-for="' + key + '"]');
    if (!node || !p) return;
    node.textContent = '';
    if (!p.ok) { node.appendChild(el('span', 'bad', p.error)); return; }
    node.appendChild(document.createTextNode(T.next + ' '));
    node.appendChild(el('b', 'num', p.next));
    if (p.provider) node.appendChild(el('span', 'muted', ' (' + T.forProvider + ' ' + p.provider + ')'));
  }
  function showSchedule(on) {
    document.getElementById('schedule-status').textContent = on ? T.scheduled : T.notScheduled;
    document.getElementById('install').disabled = !!on;
    document.getElementById('remove').disabled = !on;
  }
  function showNextRun(n) {
    var box = document.getElementById('next-run');
    box.textContent = '';
    if (!n) { box.appendChild(el('p', 'muted', T.loading)); return; }
    var p = el('p', null, T.nextDate + ' ');
    var b = el('b', null, n.date || '\\u2014');
    b.id = 'next-date';
    p.appendChild(b);
    box.appendChild(p);
    box.appendChild(el('h3', null, T.toBill + ' (' + n.drafts.length + ')'));
    if (n.drafts.length === 0) box.appendChild(el('p', 'muted', T.none));
    else {
      var ul = el('ul', 'drafts');
      n.drafts.forEach(function (d) {
        var li = el('li');
        li.appendChild(el('span', null, d.buyer));
        li.appendChild(el('span', 'amt', d.total));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    if (!n.autoSend && n.drafts.length > 0) box.appendChild(el('p', 'warn', T.stayDrafts));
    box.appendChild(el('h3', null, T.toSend));
    var send = el('ul', 'plain');
    if (n.autoSend && n.drafts.length > 0) send.appendChild(el('li', null, n.drafts.length + ' ' + T.drafts));
    send.appendChild(el('li', null, n.unsentInvoices + ' ' + T.unsent));
    send.appendChild(el('li', null, n.billingCalls + ' ' + T.calls));
    box.appendChild(send);
    if (n.problems > 0) box.appendChild(el('p', 'warn', n.problems + ' ' + T.problems));
  }
  function applyState(s) {
    if (!s || !s.ok) { if (s) show(outcome, false, s.message); return; }
    PATTERNS.forEach(function (k) { showNumber(k, s.numbers[k]); });
    showSchedule(s.scheduled);
    showNextRun(s.nextRun);
  }
  function load() {
    google.script.run.withSuccessHandler(applyState).withFailureHandler(failed(outcome)).sidebarLoad();
  }
  function formData() {
    var data = {};
    for (var i = 0; i < form.elements.length; i++) {
      var x = form.elements[i];
      if (!x.name) continue;
      data[x.name] = x.type === 'checkbox' ? (x.checked ? 'true' : 'false') : x.value;
    }
    return data;
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var button = document.getElementById('save');
    button.disabled = true;
    button.textContent = T.saving;
    function done() { button.disabled = false; button.textContent = T.save; }
    google.script.run.withSuccessHandler(function (res) {
      done();
      showErrors(res && res.errors);
      show(outcome, !!(res && res.ok), res && res.message);
      if (res && res.ok) {
        Object.keys(res.values || {}).forEach(function (k) {
          var x = form.elements[k];
          if (x && x.type !== 'checkbox' && x.tagName !== 'SELECT') x.value = res.values[k];
        });
        load();
      }
    }).withFailureHandler(function (err) { done(); failed(outcome)(err); }).sidebarSave(formData());
  });
  var timers = {};
  PATTERNS.forEach(function (key) {
    var input = form.elements[key];
    if (!input) return;
    input.addEventListener('input', function () {
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () {
        google.script.run.withSuccessHandler(function (p) {
          if (p && p.ok === false && p.message && !p.error) { show(outcome, false, p.message); return; }
          showNumber(key, p);
        }).withFailureHandler(failed(outcome)).sidebarPreviewNumber({ key: key, pattern: input.value });
      }, 300);
    });
  });
  function schedule(on) {
    var box = document.getElementById('schedule-outcome');
    var was = document.getElementById('install').disabled;
    document.getElementById('install').disabled = true;
    document.getElementById('remove').disabled = true;
    google.script.run.withSuccessHandler(function (res) {
      show(box, !!(res && res.ok), res && res.message);
      showSchedule(res && typeof res.scheduled === 'boolean' ? res.scheduled : was);
    }).withFailureHandler(function (err) {
      showSchedule(was);
      failed(box)(err);
    }).sidebarSchedule(on);
  }
  document.getElementById('install').addEventListener('click', function () { schedule(true); });
  document.getElementById('remove').addEventListener('click', function () { schedule(false); });
  load();
})();`;
