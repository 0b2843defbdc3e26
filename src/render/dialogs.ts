/**
 * The menu's dialogs (Record a payment, Issue a credit note, Write off): an HTML form posted to
 * a server function through `google.script.run`; the answer says what was done, or names the
 * field refused and why. Every inserted text is escaped.
 */
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
}

function field(f: DialogField): string {
  const e = escapeHtml;
  const id = `f-${e(f.name)}`;
  const req = f.required ? ' required' : '';
  const ph = f.placeholder ? ` placeholder="${e(f.placeholder)}"` : '';
  const val = f.value ? ` value="${e(f.value)}"` : '';
  let input: string;
  if (f.type === 'select') {
    input = `<select id="${id}" name="${e(f.name)}"${req}>${(f.options ?? [])
      .map((o) => `<option value="${e(o.value)}">${e(o.label)}</option>`)
      .join('')}</select>`;
  } else if (f.type === 'files') {
    input = `<input id="${id}" name="${e(f.name)}" type="file" multiple accept=".pdf,.xml,application/pdf,application/xml,text/xml"${req}>`;
  } else if (f.type === 'textarea') {
    input = `<textarea id="${id}" name="${e(f.name)}" rows="2"${req}${ph}></textarea>`;
  } else {
    const type = f.type === 'date' ? 'date' : 'text';
    const mode = f.type === 'amount' ? ' inputmode="decimal"' : '';
    input = `<input id="${id}" name="${e(f.name)}" type="${type}"${mode}${req}${ph}${val}>`;
  }
  const help = f.help ? `<div class="help">${e(f.help)}</div>` : '';
  return `<label for="${id}">${e(f.label)}${f.required ? ' *' : ''}</label>${input}${help}<div class="error" data-for="${e(f.name)}"></div>`;
}

export function dialogHtml(spec: DialogSpec): string {
  const e = escapeHtml;
  const fn = spec.submit.replace(/[^A-Za-z0-9_]/g, '');
  return `<!DOCTYPE html>
<html><head><base target="_top"><meta charset="utf-8">
<style>
body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1f2933;margin:12px}
label{display:block;font-weight:bold;margin-top:10px}
input,select,textarea{width:100%;box-sizing:border-box;padding:6px;font-size:13px;margin-top:4px}
.help{color:#5f6b7a;font-size:11px;margin-top:2px}
.error{color:#d93025;font-size:12px;min-height:14px}
#outcome{margin-top:12px;padding:8px;display:none}
#outcome.ok{display:block;background:#e6f4ea;color:#188038}
#outcome.ko{display:block;background:#fce8e6;color:#d93025}
.buttons{margin-top:14px;text-align:right}
button{padding:6px 14px;margin-left:6px}
</style></head>
<body>
<p>${e(spec.intro)}</p>
<form id="form">
${spec.fields.map(field).join('\n')}
<div class="buttons"><button type="button" id="cancel">${e(spec.cancelLabel)}</button><button type="submit" id="submit">${e(spec.submitLabel)}</button></div>
</form>
<div id="outcome"></div>
<script>
(function () {
  var form = document.getElementById('form');
  var outcome = document.getElementById('outcome');
  function show(res) {
    document.getElementById('submit').disabled = false;
    var errors = (res && res.errors) || {};
    var nodes = document.querySelectorAll('.error');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = errors[nodes[i].getAttribute('data-for')] || '';
    outcome.className = res && res.ok ? 'ok' : 'ko';
    outcome.textContent = (res && res.message) || '';
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
    document.getElementById('submit').disabled = true;
    function post() {
      google.script.run.withSuccessHandler(show).withFailureHandler(function (err) {
        show({ ok: false, message: String((err && err.message) || err) });
      }).${fn}(data);
    }
    (function next() {
      var input = pending.shift();
      if (!input) return post();
      readFiles(input, function (json) { data[input.name] = json; next(); });
    })();
  });
  document.getElementById('cancel').addEventListener('click', function () { google.script.host.close(); });
})();
</script>
</body></html>`;
}
