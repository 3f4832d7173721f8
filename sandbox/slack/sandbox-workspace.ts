import { CallLog } from './call-log';
import { ConversationStore } from './conversation-store';
import { FileStore } from './file-store';
import { RateLimiter } from './rate-limiter';
import { ResponseUrlStore } from './response-url-store';
import { SandboxIds } from './sandbox-ids';
import { SlackLimits } from './slack-limits';
import { TriggerRegistry } from './trigger-registry';
import type { SlackSimulatorOptions } from './types';
import { ViewStore } from './view-store';
import { WorkspaceDirectory } from './workspace-directory';

/** Who the app is in the sandbox: what auth.test answers and whose name is on the bot's messages. */
export interface SandboxIdentity {
  baseUrl: string;
  teamId: string;
  teamDomain: string;
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** All the simulator's state in one place, handed to every Web API method handler. */
export class SandboxWorkspace {
  readonly ids = new SandboxIds();
  readonly directory: WorkspaceDirectory;
  readonly conversations = new ConversationStore();
  readonly views = new ViewStore();
  readonly files = new FileStore();
  /** The app was uninstalled or its token revoked: Slack answers `token_revoked` to the bot token. */
  tokenRevoked = false;
  /** Scopes the installed token lacks (installed before the app asked for them); default none. */
  readonly withdrawnScopes = new Set<string>();
  /** Methods whose next call takes effect and then loses its answer (the connection drops). */
  readonly answersToLose = new Set<string>();
  readonly calls = new CallLog();
  readonly rateLimiter = new RateLimiter();
  /** Slack's own limits (per conversation, per method tier), when a test or the demo turns them on. */
  readonly slackLimits = new SlackLimits();
  readonly responseUrls: ResponseUrlStore;
  readonly triggers: TriggerRegistry;

  constructor(
    readonly identity: SandboxIdentity,
    options: SlackSimulatorOptions,
  ) {
    this.directory = new WorkspaceDirectory({
      users: [
        { id: identity.botUserId, name: 'paydesk', realName: 'Paydesk', isBot: true },
        ...(options.users ?? []),
      ],
      channels: options.channels ?? [],
      usergroups: options.usergroups ?? {},
    });
    this.responseUrls = new ResponseUrlStore(identity.baseUrl, this.ids);
    this.triggers = new TriggerRegistry(this.ids);
  }

  /** Forgets everything that happened; users, channels, usergroups and DM ids stay. */
  reset(): void {
    this.conversations.reset();
    this.views.reset();
    this.files.reset();
    this.calls.reset();
    this.rateLimiter.clear();
    this.answersToLose.clear();
    this.slackLimits.reset();
    this.responseUrls.reset();
    this.triggers.reset();
  }
}
