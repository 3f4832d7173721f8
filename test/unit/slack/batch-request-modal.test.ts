import type { InputBlock, ModalView } from '@slack/types';
import { BATCH_FIELDS, batchRequestModal } from '../../../src/slack/views/batch-modals';

const fileBlock = (form: ModalView) =>
  form.blocks.find((block): block is InputBlock => block.block_id === BATCH_FIELDS.file.block);

describe('the payout run form’s file field', () => {
  it('asks Slack for one CSV or text file', () => {
    expect(fileBlock(batchRequestModal())?.element).toEqual({
      type: 'file_input',
      action_id: BATCH_FIELDS.file.input,
      filetypes: ['csv', 'txt'],
      max_files: 1,
    });
  });

  it('is the same field when the form comes back with a problem under it', () => {
    const form = batchRequestModal({ errors: { file: 'Upload one CSV file per run.' } });
    expect(fileBlock(form)?.element).toEqual(fileBlock(batchRequestModal())?.element);
    expect(JSON.stringify(form.blocks)).toContain(':warning: Upload one CSV file per run.');
  });
});
