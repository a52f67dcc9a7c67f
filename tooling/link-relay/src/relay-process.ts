// Entry point of the relay's own process (started by startLinkRelay): its
// timers and sockets run on an event loop no test or benchmark can slow
// down, and its CPU time is its own. Settings come as JSON in argv[2];
// commands arrive over IPC. When the parent goes away, so does the relay.
import { parseRelayCommand, type RelayCommand, type RelaySettings } from './messages.js';
import { RelayServer } from './relay-server.js';

function send(message: unknown): void {
  process.send?.(message);
}

async function run(command: RelayCommand, relay: RelayServer): Promise<void> {
  switch (command.type) {
    case 'partition':
      relay.partition();
      break;
    case 'heal':
      relay.heal();
      break;
    case 'reset':
      relay.reset();
      break;
    case 'half-close':
      relay.halfClose(command.direction);
      break;
    case 'stats':
      break;
    case 'close':
      await relay.close();
      break;
  }
  send({ type: 'done', id: command.id, counters: relay.counters() });
  if (command.type === 'close') process.disconnect();
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '') as RelaySettings;
  const relay = new RelayServer(settings);
  relay.onCountChange = (count) => send({ type: 'connections', count });
  process.on('message', (message) => {
    let command: RelayCommand;
    try {
      command = parseRelayCommand(message);
    } catch (error) {
      const id = (message as { id?: unknown } | null)?.id;
      send({ type: 'failed', id: typeof id === 'number' ? id : -1, message: String(error) });
      return;
    }
    run(command, relay).catch((error: unknown) =>
      send({ type: 'failed', id: command.id, message: String(error) }),
    );
  });
  // The parent closed the channel (close(), or it died): nothing to relay for.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', port: await relay.listen() });
}

main().catch((error: unknown) => {
  process.stderr.write(`link relay: ${String(error)}\n`);
  process.exit(1);
});
