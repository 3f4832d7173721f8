import { mrkdwnToHtml } from '../../../sandbox/demo/web/mrkdwn-html';
import { renderBlocksHtml, renderModalHtml } from '../../../sandbox/demo/web/render-blocks';
import { button } from '../../../src/slack/views/blocks';
import { confirmDialog, withConfirm } from '../../../src/slack/views/confirm';
import { topupRequestModal } from '../../../src/slack/views/topup-request-modal';

const names = { userName: (id: string) => ({ U0MAYA: 'maya' })[id], channelName: () => 'finance' };

describe('sandbox web view: Block Kit and mrkdwn to HTML', () => {
  it('formats mrkdwn like Slack: bold, italic, strike, code, quotes, emoji, line breaks', () => {
    expect(mrkdwnToHtml('*TU-0001 settled* — _now_ ~old~ `tu_1a*b*`\n> quoted :moneybag:')).toBe(
      '<b>TU-0001 settled</b> — <i>now</i> <s>old</s> <code>tu_1a*b*</code><br><blockquote>quoted 💰</blockquote>',
    );
    expect(mrkdwnToHtml('statement_descriptor and acct_1_2 stay as they are')).toBe(
      'statement_descriptor and acct_1_2 stay as they are',
    );
  });

  it('resolves mentions, channels, specials and dates, and keeps only http(s) and mailto links', () => {
    expect(mrkdwnToHtml('<@U0MAYA> and <@U0FIN|fin.two> in <#C0FINANCE>', names)).toBe(
      '<span class="sb-mention">@maya</span> and <span class="sb-mention">@fin.two</span> in <span class="sb-mention">#finance</span>',
    );
    expect(mrkdwnToHtml('<https://example.com/a?b=1&amp;c=2|the page>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the page</a>',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click me>')).toBe('click me');
    expect(mrkdwnToHtml('<!date^0^{date_num}|fallback>')).toMatch(/^19(69|70)-(12|01)-(31|01)$/);
    expect(mrkdwnToHtml('<!date^nope^{date_num}|fallback>')).toBe('fallback');
  });

  it('escapes everything people typed: a memo can never become markup', () => {
    // The app escapes typed text for Slack (& < >); the view undoes that, then escapes for HTML.
    const memo = 'Answers &lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" \'too\' &lt;!channel&gt;';
    const html = mrkdwnToHtml(memo);
    expect(html).not.toMatch(/<script|<!channel/);
    expect(html).toBe(
      'Answers &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39; &lt;!channel&gt;',
    );
    // A label or raw control sequence cannot smuggle markup either, nor a placeholder.
    expect(mrkdwnToHtml('<https://x.test/"onmouseover="alert(1)|<b>hi</b>>')).not.toContain('"onmouseover');
    expect(mrkdwnToHtml('\u00000\u0000 <@U1|<img src=x onerror=alert(1)>>')).not.toMatch(/<img/);
    // Raw `<…>` is a control sequence to Slack; an unknown one shows as its (escaped) text.
    expect(mrkdwnToHtml('*<img src=x>*')).toBe('<b>img src=x</b>');
    expect(mrkdwnToHtml('*&lt;img src=x&gt;*')).toBe('<b>&lt;img src=x&gt;</b>');
  });

  it('renders sections, fields, accessories, actions, context and dividers with escaped attributes', () => {
    const html = renderBlocksHtml(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Top-up <TU-0001>' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Transfer request* to <@U0MAYA>' },
          fields: [{ type: 'mrkdwn', text: '*Amount*\n$9.00' }],
          accessory: {
            type: 'button',
            text: { type: 'plain_text', text: 'Open' },
            action_id: 'open',
            value: 'x',
          },
        },
        {
          type: 'actions',
          block_id: 'topup:1',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Approve' },
              action_id: 'topup_approve',
              value: '"><img src=x>',
              style: 'primary',
            },
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Connect with Stripe' },
              action_id: 'writer_connect',
              url: 'http://127.0.0.1:1/connect/start/abc',
            },
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Evil' },
              action_id: 'evil',
              url: 'javascript:alert(1)',
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'TU-0001 · :warning: pending' }] },
        { type: 'divider' },
        { type: 'mystery' },
      ],
      names,
    );
    expect(html).toContain('<div class="sb-block sb-header">Top-up &lt;TU-0001&gt;</div>');
    expect(html).toContain('<b>Transfer request</b> to <span class="sb-mention">@maya</span>');
    expect(html).toContain('<div class="sb-field"><b>Amount</b><br>$9.00</div>');
    expect(html).toContain(
      '<button type="button" class="sb-btn sb-primary" data-action-id="topup_approve" data-block-id="topup:1" data-value="&quot;&gt;&lt;img src=x&gt;">Approve</button>',
    );
    expect(html).toContain('href="http://127.0.0.1:1/connect/start/abc" target="_blank"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<button type="button" class="sb-btn" data-action-id="evil"');
    expect(html).toContain('TU-0001 · ⚠️ pending');
    expect(html).toContain('<hr class="sb-block sb-divider">');
    expect(html).toContain('[mystery block]');
  });

  it("renders the app's top-up modal as a form whose fields are named block_id/action_id", () => {
    const html = renderModalHtml({ ...topupRequestModal(), id: 'V0001' } as unknown as Record<
      string,
      unknown
    >);
    expect(html).toContain('<form class="sb-modal" data-view-id="V0001">');
    expect(html).toContain('<div class="sb-modal-title">Request a top-up</div>');
    expect(html).toContain('name="amount/amount_input"');
    expect(html).toMatch(/name="description\/description_input" value="" maxlength="200">/);
    expect(html).toContain('Description <span class="sb-optional">(optional)</span>');
    expect(html).toContain('<button type="submit" class="sb-btn sb-primary">Request</button>');
    expect(html).toContain('data-modal-close="1">Cancel</button>');
  });

  it("keeps a button's confirm dialog beside it, escaped, to be shown before the click is sent", () => {
    const dialog = confirmDialog({
      title: 'Take back $4.50 from <Maya>?',
      text: 'TR-0001: they will be told why: "<b>late</b>".',
      confirm: 'Reverse $4.50',
      style: 'danger',
    });
    const html = renderBlocksHtml([
      {
        type: 'actions',
        block_id: 'home_waiting:reversal:1',
        elements: [withConfirm(button('Approve reversal', 'reversal_approve', 'r1', 'primary'), dialog)],
      },
    ]);
    expect(html).toContain('data-action-id="reversal_approve"');
    expect(html).toContain(
      'data-confirm="1">Approve reversal</button><template class="sb-confirm-template">',
    );
    expect(html).toContain('<div class="sb-modal-title">Take back $4.50 from &lt;Maya&gt;?</div>');
    expect(html).toContain('they will be told why: &quot;&lt;b&gt;late&lt;/b&gt;&quot;.');
    expect(html).toContain('data-confirm-answer="no">Not now</button>');
    expect(html).toContain('class="sb-btn sb-danger-solid" data-confirm-answer="yes">Reverse $4.50</button>');
    // Without a dialog, the button sends its click at once.
    expect(
      renderBlocksHtml([{ type: 'actions', elements: [button('Reject', 'reject', 'r1')] }]),
    ).not.toContain('data-confirm');
  });
});
