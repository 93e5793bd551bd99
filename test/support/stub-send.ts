import { vi } from 'vitest';
import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';

/** One command a stubbed client was asked to send. */
export interface SentCall {
  command: string;
  input: Record<string, unknown>;
  region: string;
  /** The client instance that sent it (to tell contexts apart). */
  client: object;
}

type Respond = (command: string, input: Record<string, unknown>) => unknown;

/**
 * Replaces `send` of every client of this class (the SDK paginators insist on a real client
 * instance, so the prototype is stubbed rather than the client replaced). The responder's value
 * is the command's output; a thrown value is the command's error. Past `limit` calls every call
 * fails, so a loop that never ends (a mutant that breaks paging or retries) fails its test
 * instead of hanging it. Restore with vi.restoreAllMocks().
 */
export function stubSend(
  ctor: { prototype: object },
  respond: Respond,
  { limit = Number.POSITIVE_INFINITY }: { limit?: number } = {},
): SentCall[] {
  const calls: SentCall[] = [];
  const proto = ctor.prototype as { send: (...args: unknown[]) => Promise<unknown> };
  vi.spyOn(proto, 'send').mockImplementation(async function (this: unknown, ...args: unknown[]) {
    if (calls.length >= limit) throw new Error(`stubSend: more than ${limit} calls`);
    const command = args[0] as { constructor: { name: string }; input: Record<string, unknown> };
    const self = this as { config: { region: () => Promise<string> } };
    const region = await self.config.region();
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push({ command: name, input: structuredClone(command.input), region, client: self });
    return respond(name, command.input);
  });
  return calls;
}

/** A context with fixed credentials, so no provider chain is consulted. */
export function testAws(region = 'us-east-1'): AwsContext {
  return createAwsContext({
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
}
