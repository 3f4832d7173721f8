import { randomBytes } from 'node:crypto';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.46 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#fff}
#app{display:grid;grid-template-columns:240px minmax(0,1fr) 340px;grid-template-rows:100vh;height:100vh;overflow:hidden}
#sidebar{background:#3f0e40;color:#cfc3cf;padding:12px 0;overflow:auto}
.ws{color:#fff;font-weight:800;font-size:17px;padding:4px 16px 12px;border-bottom:1px solid #5d2c5d}
.section-title{font-size:13px;padding:14px 16px 4px;color:#bcabbc}
#sidebar button{display:block;width:100%;text-align:left;background:none;border:0;color:inherit;font:inherit;padding:4px 16px;cursor:pointer}
#sidebar button:hover{background:#350d36}
#sidebar button.active{background:#1164a3;color:#fff}
.user .role{display:block;font-size:12px;opacity:.75}
.about{font-size:12px;padding:16px;color:#a898a8}
#main{display:flex;flex-direction:column;min-width:0;min-height:0;border-right:1px solid #ddd}
#conv-header{padding:12px 20px;border-bottom:1px solid #ddd;font-weight:800;font-size:18px}
#conv-header small{font-weight:400;color:#616061;font-size:13px;margin-left:8px}
#messages{flex:1;min-height:0;overflow:auto;padding:8px 0 16px}
.sb-msg{display:flex;gap:8px;padding:8px 20px}
.sb-msg:hover{background:#f8f8f8}
.sb-avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#635bff;color:#fff;font-weight:800;display:flex;align-items:center;justify-content:center}
.sb-msg-body{min-width:0;flex:1}
.sb-msg-meta{font-size:15px}
.sb-app{font-size:10px;background:#e8e8e8;color:#616061;border-radius:2px;padding:1px 3px;font-weight:700;vertical-align:2px}
.sb-time,.sb-edited{color:#616061;font-size:12px}
.sb-ephemeral{background:#f4f8fb;border-left:3px solid #1264a3}
.sb-only-you{color:#616061;font-size:12px;font-style:italic}
.sb-thread{margin-left:64px;border-left:2px solid #ddd}
.sb-reply .sb-avatar{width:24px;height:24px;font-size:12px}
.sb-block{margin:4px 0}
.sb-header{font-weight:800;font-size:18px}
.sb-section{display:flex;gap:12px;align-items:flex-start}
.sb-section-main{flex:1;min-width:0;overflow-wrap:anywhere}
.sb-fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin-top:4px}
.sb-context{color:#616061;font-size:13px}
.sb-actions{display:flex;flex-wrap:wrap;gap:8px}
.sb-btn{display:inline-block;font:inherit;font-size:14px;font-weight:700;padding:3px 12px;border:1px solid #bbb;border-radius:4px;background:#fff;color:#1d1c1d;cursor:pointer;text-decoration:none;line-height:24px}
.sb-btn:hover{background:#f8f8f8}
.sb-primary{background:#007a5a;border-color:#007a5a;color:#fff}
.sb-primary:hover{background:#148567}
.sb-danger{color:#e01e5a;border-color:#e01e5a}
.sb-danger-solid{background:#e01e5a;border-color:#e01e5a;color:#fff}
.sb-home{padding:8px 20px}
.sb-disabled{color:#999;cursor:default}
.sb-mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
code{font-family:Monaco,Menlo,Consolas,monospace;font-size:12px;color:#e01e5a;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:3px;padding:1px 3px}
pre{font-family:Monaco,Menlo,Consolas,monospace;font-size:12px;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:4px;padding:8px;white-space:pre-wrap}
blockquote{margin:0;padding-left:10px;border-left:4px solid #ddd}
.sb-file{display:inline-block;border:1px solid #ddd;border-radius:6px;padding:6px 10px;margin-top:4px}
.sb-empty{color:#616061;padding:24px 20px}
.sb-unsupported,.sb-image-alt{color:#616061;font-style:italic}
#composer[hidden]{display:none}
#composer{display:flex;gap:8px;margin:0 20px 8px;border:1px solid #bbb;border-radius:8px;padding:6px}
#composer input{flex:1;border:0;font:inherit;outline:none;padding:4px}
#status{min-height:22px;padding:0 20px 8px;font-size:13px;color:#616061}
#status.bad{color:#e01e5a}
body.busy #status::after{content:" …working"}
#stripe{background:#f6f9fc;overflow:auto;padding:12px 16px}
#stripe h2{margin:0 0 8px;color:#635bff;font-size:18px}
#stripe h2 span{font-weight:400;color:#697386;font-size:13px}
#stripe h3{font-size:14px;margin:16px 0 4px;color:#3c4257}
#stripe ul{list-style:none;margin:0;padding:0}
#stripe li{background:#fff;border:1px solid #e3e8ee;border-radius:6px;padding:8px;margin:6px 0;font-size:13px;overflow-wrap:anywhere}
#stripe li .sb-btn{margin:6px 6px 0 0;font-size:12px;padding:1px 10px}
#stripe code{color:#3c4257}
.sp-clock,.sp-balance{font-size:13px;margin:4px 0}
.sp-status{font-weight:700}.sp-pending{color:#c17a00}.sp-succeeded,.sp-active{color:#0e6245}.sp-failed,.sp-canceled,.sp-reversed{color:#df1b41}
.sp-desc{color:#697386}
.sp-help,.sp-empty{font-size:12px;color:#697386;margin:4px 0}
#modal-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}
#modal-backdrop[hidden]{display:none}
#confirm-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}
#confirm-backdrop[hidden]{display:none}
.sb-modal{background:#fff;border-radius:8px;width:min(520px,92vw);max-height:90vh;overflow:auto;box-shadow:0 18px 48px rgba(0,0,0,.35)}
.sb-modal-title{font-weight:800;font-size:20px;padding:18px 24px;border-bottom:1px solid #ddd}
.sb-modal-body{padding:12px 24px}
.sb-modal-footer{display:flex;justify-content:flex-end;gap:8px;padding:14px 24px;border-top:1px solid #ddd}
.sb-input label{display:block;font-weight:700}
.sb-input input,.sb-input textarea{display:block;width:100%;margin-top:6px;font:inherit;font-weight:400;padding:8px;border:1px solid #bbb;border-radius:4px}
.sb-optional{font-weight:400;color:#616061}
.sb-hint{font-size:13px;color:#616061}
.sb-error{font-size:13px;color:#e01e5a}
`;

/** The page's script: polls the state, renders the server-made HTML, and sends what people do. */
const SCRIPT = `
(function () {
  var params = new URLSearchParams(location.search);
  var me = params.get('as') || '';
  var conversation = params.get('in') || '';
  var shown = { users: '', conversations: '', messages: '', stripe: '', modal: '' };
  var inFlight = 0;
  function $(id) { return document.getElementById(id); }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function status(text, bad) { var s = $('status'); s.textContent = text || ''; s.className = bad ? 'bad' : ''; }
  function remember() {
    var url = new URL(location.href);
    url.searchParams.set('as', me);
    if (conversation) url.searchParams.set('in', conversation); else url.searchParams.delete('in');
    history.replaceState(null, '', url);
  }
  function render(state) {
    me = state.me.id;
    conversation = state.conversation.id;
    var users = state.users.map(function (u) {
      return '<button type="button" class="user' + (u.id === me ? ' active' : '') + '" data-user="' + esc(u.id) + '">' +
        '<span class="name">' + esc(u.name) + '</span><span class="role">' + esc(u.realName) + ' · ' + esc(u.role) + '</span></button>';
    }).join('');
    if (users !== shown.users) { $('users').innerHTML = users; shown.users = users; }
    var conversations = state.conversations.map(function (c) {
      return '<button type="button" class="conv' + (c.id === conversation ? ' active' : '') + '" data-conversation="' + esc(c.id) + '">' + esc(c.label) + '</button>';
    }).join('');
    if (conversations !== shown.conversations) { $('conversations').innerHTML = conversations; shown.conversations = conversations; }
    $('conv-header').innerHTML = esc(state.conversation.label) + '<small>as ' + esc(state.me.name) + ' (' + esc(state.me.role) + ')</small>';
    $('composer').hidden = state.conversation.kind === 'home';
    $('composer-input').placeholder = 'Message ' + state.conversation.label.replace('# ', '#') + ' — try /topup 2000 Weekly top-up, /payouts help';
    var key = conversation + '|' + state.conversation.html;
    if (key !== shown.messages) {
      var box = $('messages');
      var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || shown.messages.split('|')[0] !== conversation;
      box.innerHTML = state.conversation.html;
      shown.messages = key;
      if (atBottom) box.scrollTop = box.scrollHeight;
    }
    if (state.stripeHtml !== shown.stripe) { $('stripe-body').innerHTML = state.stripeHtml; shown.stripe = state.stripeHtml; }
    var modalKey = state.modal ? state.modal.key : '';
    if (modalKey !== shown.modal) {
      shown.modal = modalKey;
      if (state.modal) {
        $('modal').innerHTML = state.modal.html;
        $('modal-backdrop').hidden = false;
        var first = $('modal').querySelector('input,textarea');
        if (first) first.focus();
      } else {
        $('modal').innerHTML = '';
        $('modal-backdrop').hidden = true;
      }
    }
    remember();
  }
  function refresh() {
    var url = '/sandbox/api/state?user=' + encodeURIComponent(me) + '&conversation=' + encodeURIComponent(conversation);
    return fetch(url).then(function (r) { return r.json(); }).then(function (state) {
      if (state && state.me) render(state);
    }).catch(function () { status('The sandbox is not answering (did the demo stop?)', true); });
  }
  function post(path, body, what) {
    inFlight += 1;
    document.body.classList.add('busy');
    status(what);
    return fetch('/sandbox/api/' + path, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (result) {
      if (result.ok) status(what + (result.status ? ' → ' + result.status : ' → done'));
      else status(result.message || (what + ' failed'), true);
      return result;
    }).catch(function (error) {
      status(what + ' failed: ' + error, true);
      return { ok: false };
    }).finally(function () {
      inFlight -= 1;
      if (inFlight === 0) document.body.classList.remove('busy');
      refresh();
    });
  }
  // Slack sends app_home_opened each time someone enters the Home tab; so does the page.
  function openHome() {
    conversation = 'home';
    return post('home', { user: me }, 'Opened the Home tab: POST /slack/events (signed app_home_opened)');
  }
  // A button with a confirm dialog sends its click only once the dialog's confirm is chosen.
  var pending = null;
  function askFirst(button, send) {
    var template = button.parentNode.querySelector('template.sb-confirm-template');
    pending = send;
    $('confirm').innerHTML = '';
    $('confirm').appendChild(template.content.cloneNode(true));
    $('confirm-backdrop').hidden = false;
    var yes = $('confirm').querySelector('[data-confirm-answer="yes"]');
    if (yes) yes.focus();
  }
  function answer(yes) {
    var send = pending;
    pending = null;
    $('confirm-backdrop').hidden = true;
    $('confirm').innerHTML = '';
    if (yes && send) send(); else if (send) status('Cancelled: nothing was sent to Paydesk');
  }
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && pending) answer(false);
  });
  document.addEventListener('click', function (event) {
    var target = event.target.closest('button, a');
    if (!target) return;
    if (target.dataset.confirmAnswer) { answer(target.dataset.confirmAnswer === 'yes'); return; }
    if (target.dataset.user) {
      me = target.dataset.user; shown.modal = '*';
      if (conversation === 'home') openHome(); else { conversation = ''; refresh(); }
      return;
    }
    if (target.dataset.conversation === 'home') { openHome(); return; }
    if (target.dataset.conversation) { conversation = target.dataset.conversation; refresh(); return; }
    if (target.dataset.stripeOp) {
      post('stripe', { op: target.dataset.stripeOp, id: target.dataset.id }, 'Stripe: ' + target.textContent.trim() + ' ' + target.dataset.id);
      return;
    }
    if (target.dataset.modalClose) {
      var form = target.closest('form');
      post('close', { user: me, viewId: form && form.dataset.viewId }, 'Closed the form');
      return;
    }
    var message = target.closest('.sb-msg');
    var home = target.closest('.sb-home');
    if ((message || home) && target.dataset.actionId) {
      if (!target.dataset.url) event.preventDefault();
      var body = message
        ? { user: me, channel: message.dataset.channel, ts: message.dataset.ts, actionId: target.dataset.actionId }
        : { user: me, home: true, viewId: home.dataset.viewId, blockId: target.dataset.blockId, actionId: target.dataset.actionId };
      if (message && message.dataset.ephemeralIndex) body.ephemeralIndex = Number(message.dataset.ephemeralIndex);
      var send = function () {
        post('click', body, 'Clicked [' + target.textContent.trim() + ']' + (home ? ' on Home' : '') + ': POST /slack/events (signed block_actions)');
      };
      if (target.dataset.confirm) askFirst(target, send); else send();
    }
  });
  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = $('composer-input');
    var text = input.value.trim();
    if (!text) return;
    post('command', { user: me, conversation: conversation, text: text }, text.split(' ')[0] + ': POST /slack/events (signed slash command)')
      .then(function (result) { if (result.ok) input.value = ''; });
  });
  $('modal').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var values = {};
    form.querySelectorAll('input[name], textarea[name]').forEach(function (field) { values[field.name] = field.value; });
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    post('submit', { user: me, viewId: form.dataset.viewId, values: values }, 'Submitted the form: POST /slack/events (signed view_submission)')
      .then(function (result) {
        var errors = (result && result.errors) || {};
        Object.keys(errors).forEach(function (block) {
          var el = form.querySelector('[data-error-for="' + CSS.escape(block) + '"]');
          if (el) el.textContent = errors[block];
        });
      });
  });
  // ?as= may name the person rather than give their id: ask who that is before opening their Home.
  var startOnHome = conversation === 'home';
  refresh().then(function () { if (startOnHome) openHome(); });
  setInterval(function () { if (inFlight === 0) refresh(); }, 700);
})();
`;

/** The sandbox page: a Slack-like frame the script fills in; no front-end build, no outside requests. */
export function sandboxPage(): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paydesk sandbox</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="app">
<aside id="sidebar">
<div class="ws">Paydesk sandbox</div>
<div class="section-title">Viewing as</div>
<div id="users"></div>
<div class="section-title">Channels and DMs</div>
<div id="conversations"></div>
<p class="about">A simulated Slack workspace. Commands, buttons and forms go to the real Paydesk as signed Slack requests; the Stripe panel plays Stripe's part.</p>
</aside>
<main id="main">
<header id="conv-header">Paydesk sandbox</header>
<div id="messages" aria-live="polite"></div>
<form id="composer" autocomplete="off"><input id="composer-input" name="text" aria-label="Message or slash command"><button type="submit" class="sb-btn sb-primary">Send</button></form>
<div id="status" role="status"></div>
</main>
<aside id="stripe"><h2>Stripe <span>simulator</span></h2><div id="stripe-body"></div></aside>
</div>
<div id="modal-backdrop" hidden><div id="modal"></div></div>
<div id="confirm-backdrop" hidden><div id="confirm"></div></div>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
  return { html, nonce };
}

/** Inline code runs only with this page's nonce; the page talks to its own server only. */
export function sandboxCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
