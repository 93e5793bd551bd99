import type { AwsClientConfig, AwsContext } from '../../functions/runtime/aws';

export interface RecordedCall {
  client: string;
  command: string;
  input: Record<string, unknown>;
}

/**
 * Records every command sent through the given client of a context (the same instance the
 * rule's lookups use), so tests can count calls and inspect request parameters.
 */
export function recordCalls<T>(
  aws: AwsContext,
  ctor: new (config: AwsClientConfig) => T,
  calls: RecordedCall[] = [],
): RecordedCall[] {
  const client = aws.client(ctor) as unknown as {
    middlewareStack: { add: (m: unknown, o: unknown) => void };
    constructor: { name: string };
  };
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        calls.push({
          client: client.constructor.name,
          command: context.commandName ?? '?',
          input: structuredClone((args as { input: Record<string, unknown> }).input),
        });
        return next(args);
      },
    { step: 'initialize', name: 'glueGuardrailsCallRecorder' },
  );
  return calls;
}
