import { StateMachine, type StateMachineDefinition } from '../../../stepfunctions/interpreter';
import { installPromiseWithResolvers } from '../../../stepfunctions/promise-with-resolvers';

type WithResolvers = <T>() => {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason?: unknown) => void;
};
const promiseStatics = Promise as unknown as { withResolvers: WithResolvers };

describe('the Promise.withResolvers trap (aws-local-stepfunctions 3.x on Node 20)', () => {
  it('a Task succeeds instead of silently taking its Catch branch', async () => {
    // Without the polyfill every Task throws a TypeError that `States.ALL` catches: the run would
    // "succeed" with `{ caught: true }` and nothing would look wrong.
    const definition = {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:work',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', Result: { caught: true }, End: true },
      },
    } as unknown as StateMachineDefinition;

    const run = new StateMachine(definition).run(
      { n: 1 },
      { overrides: { taskResourceLocalHandlers: { Work: async () => ({ worked: true }) } } },
    );

    await expect(run.result).resolves.toEqual({ worked: true });
  });

  it('is installed by importing the interpreter, and behaves as the spec says', async () => {
    expect(typeof promiseStatics.withResolvers).toBe('function');
    const resolved = promiseStatics.withResolvers<number>();
    resolved.resolve(42);
    await expect(resolved.promise).resolves.toBe(42);
    const rejected = promiseStatics.withResolvers<number>();
    rejected.reject(new Error('no'));
    await expect(rejected.promise).rejects.toThrow('no');
    expect(Object.getOwnPropertyDescriptor(Promise, 'withResolvers')).toMatchObject({
      enumerable: false,
      writable: true,
      configurable: true,
    });
  });

  it('constructs through `this`, so subclasses get instances of themselves, and installs idempotently', () => {
    class Tracked<T> extends Promise<T> {}
    installPromiseWithResolvers();
    const { promise } = promiseStatics.withResolvers.call(Tracked);
    expect(promise).toBeInstanceOf(Tracked);
    // Called without a constructor as `this`, it throws as the built-in does.
    const detached = promiseStatics.withResolvers;
    expect(() => detached()).toThrow(TypeError);
  });
});
