import { inlineError } from '../../../src/slack/views/form-errors';

describe('an error shown under a form field', () => {
  it('drops the chat prefix, the command example and "Nothing was changed", and quotes without backticks', () => {
    expect(
      inlineError(
        "Couldn't request a top-up: `1 000` has a space in it; write it as 1000 or 1,000. Try `/topup 2000 Weekly top-up` or `/topup $1,250.50`. Nothing was changed.",
      ),
    ).toBe('“1 000” has a space in it; write it as 1000 or 1,000.');
    expect(inlineError('Only $5.00 of TR-0001 can still be reversed. Nothing was changed.')).toBe(
      'Only $5.00 of TR-0001 can still be reversed.',
    );
    expect(inlineError("`a&lt;b` isn't a dollar amount. Nothing was changed.")).toBe(
      "“a<b” isn't a dollar amount.",
    );
  });
});
