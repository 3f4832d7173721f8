/**
 * `--db-prof`: where the database peer's time goes, by query shape. The driver's command
 * monitoring times each command from send to reply (queueing in the peer included); a shape is
 * the command, its collection and the field names of its filter and sort, so that two queries
 * that differ only in values add up.
 */
type CommandEvent = { requestId: number; commandName: string; command: unknown; duration: number };
/** Mongoose's client (it brings its own copy of the driver, so only the shape is named here). */
type MonitoredClient = { on(event: string, listener: (event: CommandEvent) => void): unknown };

export type DbShapeTime = { shape: string; count: number; totalMs: number; maxMs: number };

const FILTER_OF: Record<string, (command: Record<string, unknown>) => unknown[]> = {
  find: (c) => [c.filter, c.sort],
  count: (c) => [c.query],
  findAndModify: (c) => [c.query, c.sort],
  update: (c) => [(c.updates as { q: unknown }[] | undefined)?.[0]?.q],
  delete: (c) => [(c.deletes as { q: unknown }[] | undefined)?.[0]?.q],
  aggregate: (c) => [c.pipeline],
  insert: () => [],
};

function keysOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(keysOf).join(',')}]`;
  if (value === null || typeof value !== 'object' || value instanceof Date) return '';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([key, inner]) => `${key}${keysOf(inner) ? `:${keysOf(inner)}` : ''}`).join(',')}}`;
}

function shapeOf(commandName: string, command: Record<string, unknown>): string {
  const collection = String(command[commandName] ?? '');
  const parts = FILTER_OF[commandName]?.(command) ?? [];
  return [commandName, collection, ...parts.map(keysOf).filter(Boolean)].join(' ');
}

/** Starts timing the client's commands; `take()` returns the times since the last take, slowest total first. */
export function profileDbCommands(client: MonitoredClient): { take(): DbShapeTime[] } {
  const started = new Map<number, string>();
  let times = new Map<string, DbShapeTime>();
  client.on('commandStarted', (event) => {
    started.set(event.requestId, shapeOf(event.commandName, event.command as Record<string, unknown>));
  });
  const ended = (event: CommandEvent) => {
    const shape = started.get(event.requestId);
    started.delete(event.requestId);
    if (!shape) return;
    const time = times.get(shape) ?? { shape, count: 0, totalMs: 0, maxMs: 0 };
    time.count += 1;
    time.totalMs += event.duration;
    time.maxMs = Math.max(time.maxMs, event.duration);
    times.set(shape, time);
  };
  client.on('commandSucceeded', ended);
  client.on('commandFailed', ended);
  return {
    take() {
      const taken = [...times.values()].sort((a, b) => b.totalMs - a.totalMs);
      times = new Map();
      return taken;
    },
  };
}
