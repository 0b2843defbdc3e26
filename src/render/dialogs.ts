/**
 * The menu's dialogs: the forms (record a payment, issue a credit or debit note, apply a
 * credit, import received invoices, bill a session, write off) and the invoice preview.
 *
 * They look like the settings sidebar and follow Google's CSS conventions for editor add-ons:
 * Arial 13 px, a bold label above each field, its help and its error under it, `.action` for
 * the blue primary button beside a plain Close button, `.error` for a refused value, `.secondary`
 * for help text. Everything is in the page: no external resource.
 *
 * A form posts to a server function through `google.script.run`; the answer says what was done,
 * or names each refused field and why, shown under that field. Every label names its field;
 * the keyboard reaches everything (Enter submits, Escape closes). Every inserted text is
 * escaped; what the server answers is put in with textContent.
 */
import { t, type PlainTextKey } from '../texts';
import type { Lang } from '../sheets/tabs';
import { escapeHtml } from './emails';

export interface DialogField {
  name: string;
  label: string;
  /** `files`: files chosen on the user's computer, posted as JSON `[{ name, base64 }]`. */
  type: 'text' | 'date' | 'amount' | 'select' | 'textarea' | 'files';
  required?: boolean;
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  value?: string;
  help?: string;
}

export interface DialogSpec {
  /** The server function the form posts to (a top-level function of the bundle). */
  submit: string;
  intro: string;
  fields: readonly DialogField[];
  submitLabel: string;
  cancelLabel: string;
  /** The page's language and title (the dialog's own title bar shows the title too). */
  lang?: Lang;
  title?: string;
}

/** The look shared by the dialogs: the settings sidebar's, in Google's add-on class names. */
const STYLE = `*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:18px;color:#1f2933;margin:0;padding:12px 16px 0;background:#fff}
p{margin:0 0 8px}
.secondary{color:#5f6b7a}
.form-group{margin-top:12px}
label{display:block;font-weight:bold;font-size:12px;margin-bottom:3px}
input[type=text],input[type=date],select,textarea{display:block;width:100%;padding:5px 6px;font:13px Arial,Helvetica,sans-serif;color:#1f2933;border:1px solid #c4c7c5;border-radius:4px;background:#fff}
textarea{resize:vertical}
input[type=file]{display:block;font-size:12px}
input:focus,select:focus,textarea:focus,button:focus{outline:2px solid #1a73e8;outline-offset:1px}
[aria-invalid=true]{border-color:#d93025}
.req{color:#d93025}
.help{font-size:11px;margin-top:2px}
.error{color:#d93025;font-size:12px;margin-top:3px}
.error:empty{display:none}
.bar{position:sticky;bottom:0;background:#fff;padding:10px 0 12px;border-top:1px solid #dadce0;margin-top:16px}
button{padding:6px 12px;font:13px Arial,Helvetica,sans-serif;border-radius:4px;border:1px solid #c4c7c5;background:#f8f9fa;color:#1f2933;cursor:pointer;margin-right:6px}
button.action{background:#1a73e8;border-color:#1a73e8;color:#fff;font-weight:bold}
button:disabled{opacity:.6;cursor:default}
.outcome{font-size:12px;margin-top:8px}
.outcome:empty{display:none}
.outcome.ok{color:#137333}
.outcome.ko{color:#d93025}
h2{font-size:14px;margin:0 0 8px}
h3{font-size:12px;margin:14px 0 4px;color:#3c4043}
table.list{width:100%;border-collapse:collapse}
table.list th{font-size:12px;text-align:left;color:#3c4043;border-bottom:1px solid #dadce0;padding:4px 6px}
table.list td{padding:4px 6px;border-bottom:1px dotted #dadce0;vertical-align:top}
table.list tfoot td{font-weight:bold;border-bottom:0}
table.list .amt{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.warn{color:#b06000}
.ok{color:#137333;font-weight:bold}
.ko{color:#d93025;font-weight:bold}
ul.plain{margin:0;padding:0;list-style:none}
ul.plain li{padding:1px 0}`;

/** A dialog's page: the shared look, the page's language and title, the body given. */
export function dialogPage(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><base target="_top"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style></head>
<body>
${body}
</body></html>`;
}

function field(f: DialogField, first: boolean): string {
  const e = escapeHtml;
  const name = e(f.name);
  const id = `f-${name}`;
  const helpId = `h-${name}`;
  const errorId = `e-${name}`;
  const described = ` aria-describedby="${f.help ? `${helpId} ` : ''}${errorId}"`;
  const common = `id="${id}" name="${name}"${f.required ? ' required' : ''}${described}${first ? ' autofocus' : ''}`;
  const ph = f.placeholder ? ` placeholder="${e(f.placeholder)}"` : '';
  let input: string;
  if (f.type === 'select') {
    input = `<select ${common}>${(f.options ?? [])
      .map(
        (o) =>
          `<option value="${e(o.value)}"${o.value === f.value ? ' selected' : ''}>${e(o.label)}</option>`,
      )
      .join('')}</select>`;
  } else if (f.type === 'files') {
    input = `<input ${common} type="file" multiple accept=".pdf,.xml,application/pdf,application/xml,text/xml">`;
  } else if (f.type === 'textarea') {
    input = `<textarea ${common} rows="3"${ph}>${e(f.value ?? '')}</textarea>`;
  } else {
    const type = f.type === 'date' ? 'date' : 'text';
    const mode = f.type === 'amount' ? ' inputmode="decimal"' : '';
    const val = f.value ? ` value="${e(f.value)}"` : '';
    input = `<input ${common} type="${type}"${mode}${ph}${val} autocomplete="off">`;
  }
  const req = f.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  const help = f.help ? `<div class="help secondary" id="${helpId}">${e(f.help)}</div>` : '';
  return `<div class="form-group"><label for="${id}">${e(f.label)}${req}</label>${input}${help}<div class="error" id="${errorId}" data-error-for="${name}"></div></div>`;
}

export function dialogHtml(spec: DialogSpec): string {
  const e = escapeHtml;
  const fn = spec.submit.replace(/[^A-Za-z0-9_]/g, '');
  const lang = spec.lang ?? 'fr';
  const body = `<form id="form" novalidate>
<p class="secondary">${e(spec.intro)}</p>
${spec.fields.map((f, k) => field(f, k === 0)).join('\n')}
<div class="bar"><button type="submit" id="submit" class="action">${e(spec.submitLabel)}</button><button type="button" id="cancel">${e(spec.cancelLabel)}</button><div id="outcome" class="outcome" role="status" aria-live="polite"></div></div>
</form>
<script>
${FORM_SCRIPT.replace('__SUBMIT__', fn)}
</script>`;
  return dialogPage(lang, spec.title ?? spec.submitLabel, body);
}

/** The form's behaviour; the server's answers are put in with textContent only. */
const FORM_SCRIPT = `(function () {
  var form = document.getElementById('form');
  var outcome = document.getElementById('outcome');
  var submit = document.getElementById('submit');
  function show(res) {
    submit.disabled = false;
    var errors = (res && res.errors) || {};
    var first = null;
    var nodes = document.querySelectorAll('[data-error-for]');
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute('data-error-for');
      var message = errors[key] || '';
      nodes[i].textContent = message;
      var input = document.getElementById('f-' + key);
      if (input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
      if (message && !first) first = input;
    }
    outcome.className = 'outcome ' + (res && res.ok ? 'ok' : 'ko');
    outcome.textContent = (res && res.message) || '';
    if (res && res.ok) form.reset();
    if (first) first.focus();
  }
  // Chosen files are read here and posted as base64 text: google.script.run takes a form's
  // first file only, and plain values of any number.
  function readFiles(input, done) {
    var list = [];
    var files = input.files || [];
    var left = files.length;
    if (left === 0) return done('[]');
    for (var i = 0; i < files.length; i++) (function (file) {
      var reader = new FileReader();
      reader.onload = function () {
        var url = String(reader.result);
        list.push({ name: file.name, base64: url.slice(url.indexOf(',') + 1) });
        if (--left === 0) done(JSON.stringify(list));
      };
      reader.readAsDataURL(file);
    })(files[i]);
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var data = {};
    var els = form.elements;
    var pending = [];
    for (var i = 0; i < els.length; i++) {
      if (!els[i].name) continue;
      if (els[i].type === 'file') pending.push(els[i]);
      else data[els[i].name] = els[i].value;
    }
    submit.disabled = true;
    outcome.className = 'outcome';
    outcome.textContent = '';
    function post() {
      google.script.run.withSuccessHandler(show).withFailureHandler(function (err) {
        show({ ok: false, message: String((err && err.message) || err) });
      }).__SUBMIT__(data);
    }
    (function next() {
      var input = pending.shift();
      if (!input) return post();
      readFiles(input, function (json) { data[input.name] = json; next(); });
    })();
  });
  document.getElementById('cancel').addEventListener('click', function () { google.script.host.close(); });
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') google.script.host.close(); });
})();`;

/** A dialog's Close button (focused first; Escape closes too) and its script. */
export function closeBar(lang: Lang): string {
  return `<div class="bar"><button type="button" id="close" class="action" autofocus>${escapeHtml(t(lang, 'dialog.close'))}</button></div>
<script>
(function () {
  function close() { google.script.host.close(); }
  document.getElementById('close').addEventListener('click', close);
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') close(); });
})();
</script>`;
}

/** One invoice the next run would make. */
export interface PreviewRowView {
  buyer: string;
  /** The register's kind code (facture, avoir…). */
  kind: string;
  lines: number;
  totalHT: string;
  totalTTC: string;
}

export interface PreviewView {
  lang: Lang;
  rows: readonly PreviewRowView[];
  /** Problems found in the tabs: where (tab!cell) and what. */
  problems: readonly { where: string; message: string }[];
  /** Billing calls the next run would email to providers. */
  billingCalls: number;
  /** Issued invoices not emailed yet. */
  unsent: number;
}

const KIND_LABELS: Readonly<Record<string, PlainTextKey>> = {
  facture: 'preview.kind.facture',
  acompte: 'preview.kind.acompte',
  avoir: 'preview.kind.avoir',
  'note-de-debit': 'preview.kind.note-de-debit',
  autofacture: 'preview.kind.autofacture',
  'autofacture-avoir': 'preview.kind.autofacture-avoir',
};

/** The preview: what would be generated, what would be sent, what to fix first. Nothing written. */
export function previewDialogHtml(v: PreviewView): string {
  const e = escapeHtml;
  const { lang } = v;
  const n = v.rows.length;
  const kind = (code: string): string => {
    const key = KIND_LABELS[code];
    return key === undefined ? code : t(lang, key);
  };
  const head = [
    t(lang, 'preview.client'),
    t(lang, 'preview.kind'),
    t(lang, 'preview.lines'),
    t(lang, 'preview.total-ht'),
    t(lang, 'preview.total-ttc'),
  ];
  const table =
    n === 0
      ? `<p class="secondary">${e(t(lang, 'preview.none'))}</p>`
      : `<table class="list"><thead><tr>${head
          .map((h, k) => `<th scope="col"${k >= 2 ? ' class="amt"' : ''}>${e(h)}</th>`)
          .join('')}</tr></thead><tbody>${v.rows
          .map(
            (r) =>
              `<tr><td>${e(r.buyer)}</td><td>${e(kind(r.kind))}</td><td class="amt">${r.lines}</td><td class="amt">${e(r.totalHT)}</td><td class="amt">${e(r.totalTTC)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const send = [
    t(lang, 'preview.unsent', { count: v.unsent }),
    t(lang, 'preview.billing-calls', { count: v.billingCalls }),
  ];
  const problems =
    v.problems.length === 0
      ? ''
      : `<h3>${e(t(lang, 'preview.problems', { count: v.problems.length }))}</h3><p class="secondary">${e(
          t(lang, 'preview.problems-help'),
        )}</p><ul class="plain" id="problems">${v.problems
          .map((p) => `<li><b class="warn">${e(p.where)}</b> <span>${e(p.message)}</span></li>`)
          .join('')}</ul>`;
  const body = `<h2 id="count">${e(t(lang, 'preview.count', { count: n }))}</h2>
<p class="secondary">${e(t(lang, 'preview.nothing-written'))}</p>
${table}
<h3>${e(t(lang, 'preview.to-send'))}</h3>
<ul class="plain" id="to-send">${send.map((s) => `<li>${e(s)}</li>`).join('')}</ul>
${problems}
${closeBar(lang)}`;
  return dialogPage(lang, t(lang, 'preview.title'), body);
}
