export type { FoundActionElement } from './find-action-element';
export { findActionElement } from './find-action-element';
export type { MentionNames } from './mrkdwn-to-plain';
export { mrkdwnToPlain } from './mrkdwn-to-plain';
export type { RenderableMessage } from './render-message-text';
export { renderMessageText } from './render-message-text';
export type {
  BlockActionInput,
  CommandInput,
  EventInput,
  SimulatorLink,
  SlackRequestSenderOptions,
  SubmittedValue,
  ViewSubmissionInput,
} from './request-inputs';
export { SlackRequestSender, slackRequests } from './request-sender';
export { slackSignature } from './request-signing';
export { DEFAULT_BOT_TOKEN, DEFAULT_TEAM_ID, SANDBOX_BOT_USER_ID } from './sandbox-defaults';
export type { ForgeOptions, RawSlackRequest, SlackDeliveryResponse } from './signed-delivery';
export { SlackSimulator, startSlackSimulator } from './simulator';
export type { SlackLimitOptions } from './slack-limits';
export { SLACK_DOCUMENTED_LIMITS } from './slack-limits';
export type * from './types';
export type { WaitForOptions } from './wait-for';
