/**
 * Views (cards, lists, App Home) take their status words from here; the table itself lives in the
 * domain so that use cases' errors and exports say the same words.
 */
export {
  refWithAttempt,
  STATUS_WORDS,
  statusWords,
  transferStatusWords,
} from '../../domain/status-words';
