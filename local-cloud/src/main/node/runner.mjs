// Runs Amazon States Language definitions with aws-local-stepfunctions on behalf of the Java class
// io.backbeat.localcloud.stepfunctions.LocalStateMachine, which starts this script with the Node 22 of
// its own npm installation. The library interprets the definition; this script only hands every Task
// state to Java and reports how each execution ended.
//
// Protocol: one JSON object per line, stdin from Java, stdout to Java (anything else goes to stderr).
//   Java -> Node  {op:"run", run, definition, input, context, waitMillis, retryMillis}
//                 {op:"task-result", call, result}
//                 {op:"task-error", call, error, cause, catchable}
//                 {op:"abort", run}
//   Node -> Java  {op:"ready", node, library}
//                 {op:"task", run, call, state, resource, credentials, input}
//                 {op:"rejected", run, reason}
//                 {op:"finished", run, status, output?, error?, cause?, events}
// Java closing stdin ends the process.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
} from 'aws-local-stepfunctions';

const library = JSON.parse(
  readFileSync(new URL('./node_modules/aws-local-stepfunctions/package.json', import.meta.url), 'utf8'),
).version;

const executions = new Map(); // run id -> the library's execution ({abort, result, eventLogs})
const calls = new Map(); // call id -> {resolve, reject} of a Task handler waiting for Java
// asl-validator compiles its schema on every call (~250 ms here), so a definition is validated on its
// first run only; later runs of the same text skip it.
const validated = new Set();
let lastCall = 0;

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

// Fields that aws-local-stepfunctions 3.0.0 accepts in a definition but does not act on: a run would
// go on as if they were absent (JSONata's Output passes the input through unchanged, Assign sets no
// variable), so a definition using them is refused rather than run wrongly.
const IGNORED_FIELDS = {
  Assign: 'variables (Assign)',
  Arguments: 'JSONata (Arguments)',
  Output: 'JSONata (Output)',
  ItemReader: 'a distributed Map (ItemReader)',
  ItemBatcher: 'a distributed Map (ItemBatcher)',
  ResultWriter: 'a distributed Map (ResultWriter)',
};

function refuseIgnored(where, node) {
  if (node?.QueryLanguage === 'JSONata') {
    throw new Error(`${where} uses JSONata (QueryLanguage), which aws-local-stepfunctions 3.0.0 does not evaluate; write it in JSONPath`);
  }
  for (const [field, what] of Object.entries(IGNORED_FIELDS)) {
    if (node && field in node) {
      throw new Error(`${where} uses ${what}, which aws-local-stepfunctions 3.0.0 does not support; it would run as if the field were absent`);
    }
  }
  if (node?.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
    throw new Error(`${where} is a distributed Map, which aws-local-stepfunctions 3.0.0 does not support`);
  }
}

// Every state of the definition by name, Parallel branches and Map iterators included. The library
// looks task handlers and wait overrides up by state name alone, so a name must not repeat (Step
// Functions requires unique names across the whole state machine too).
function statesByName(machine, into = new Map()) {
  if (into.size === 0) refuseIgnored('The definition', machine);
  for (const [name, state] of Object.entries(machine?.States ?? {})) {
    if (into.has(name)) {
      throw new Error(`State name '${name}' is used more than once; state names must be unique across the whole state machine, branches and iterators included`);
    }
    refuseIgnored(`State '${name}'`, state);
    into.set(name, state);
    for (const branch of state?.Branches ?? []) statesByName(branch, into);
    if (state?.Iterator) statesByName(state.Iterator, into);
    if (state?.ItemProcessor) statesByName(state.ItemProcessor, into);
  }
  return into;
}

// An object that answers `value` for every state name, for the library's per-state override maps.
function everyState(value) {
  return new Proxy({}, { get: (_, name) => (typeof name === 'string' ? value : undefined) });
}

function callJava(run, state, resource, credentials, input) {
  const call = String(++lastCall);
  return new Promise((resolve, reject) => {
    calls.set(call, { resolve, reject });
    send({ op: 'task', run, call, state, resource, credentials, input });
  });
}

// The library matches Retry and Catch on error.name and reports error.message as the cause. Its own
// RuntimeError marks errors that no Retry or Catch may handle with isRetryable/isCatchable = false;
// a plain Error carrying those properties is treated the same way.
function taskError({ error, cause, catchable }) {
  const failure = new Error(cause ?? '');
  failure.name = error;
  if (!catchable) {
    failure.isRetryable = false;
    failure.isCatchable = false;
  }
  return failure;
}

function eventSummary(event) {
  const summary = { type: event.type, timestamp: event.timestamp };
  const state = event.state ?? event.parentState;
  if (state) summary.state = state.name;
  if (event.index !== undefined) summary.index = event.index;
  if (event.Error !== undefined) summary.error = event.Error;
  if (event.Cause !== undefined) summary.cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
  if (event.retry) summary.attempt = event.retry.attempt;
  return summary;
}

function outcome(failure, states, events) {
  if (failure instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than the TimeoutSeconds of its definition' };
  }
  if (failure instanceof ExecutionAbortedError) {
    return { status: 'ABORTED' };
  }
  const error = failure instanceof ExecutionError ? failure.cause : failure;
  const result = { status: 'FAILED', error: error?.name ?? 'Error', cause: error?.message ?? String(error) };
  // A Fail state without Error or Cause ends the execution without them in Step Functions; the
  // library fills in defaults of its own, which would read as if the definition had them.
  const last = events.findLast((event) => event.type === 'StateFailed');
  const fail = last && states.get(last.state);
  if (fail?.Type === 'Fail') {
    if (fail.Error === undefined && fail.ErrorPath === undefined) result.error = null;
    if (fail.Cause === undefined && fail.CausePath === undefined) result.cause = null;
  }
  return result;
}

function run({ run, definition, input, context, waitMillis, retryMillis }) {
  let states;
  let machine;
  const text = JSON.stringify(definition);
  try {
    states = statesByName(definition);
    machine = new StateMachine(definition, validated.has(text) ? { validationOptions: { noValidate: true } } : undefined);
  } catch (invalid) {
    send({ op: 'rejected', run, reason: invalid.message });
    return;
  }
  validated.add(text);
  const overrides = {
    // Every Task goes to Java, whatever its Resource: the library would otherwise call AWS Lambda.
    taskResourceLocalHandlers: new Proxy({}, {
      get: (_, name) => (typeof name === 'string'
        ? (taskInput) => callJava(run, name, states.get(name)?.Resource ?? null, states.get(name)?.Credentials ?? null, taskInput)
        : undefined),
    }),
  };
  if (waitMillis !== null && waitMillis !== undefined) overrides.waitTimeOverrides = everyState(waitMillis);
  if (retryMillis !== null && retryMillis !== undefined) overrides.retryIntervalOverrides = everyState(retryMillis);

  // Step Functions sets $$.State.EnteredTime as each state is entered; the library does not fill $$.State at all. A
  // getter answers the time the path is read, which is as the state resolves its Parameters on entry.
  const state = {};
  Object.defineProperty(state, 'EnteredTime', { enumerable: true, get: () => new Date().toISOString() });
  const execution = machine.run(input, { overrides, context: { ...context, State: state } });
  executions.set(run, execution);
  const events = [];
  const logged = (async () => {
    for await (const event of execution.eventLogs) events.push(eventSummary(event));
  })();
  execution.result
    .then((output) => ({ status: 'SUCCEEDED', output }), (failure) => failure)
    .then(async (result) => {
      await logged;
      executions.delete(run);
      const ending = result?.status === 'SUCCEEDED' ? result : outcome(result, states, events);
      send({ op: 'finished', run, ...ending, events });
    });
}

function answer(call, settle) {
  const waiting = calls.get(call);
  if (waiting) {
    calls.delete(call);
    settle(waiting);
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  const message = JSON.parse(line);
  switch (message.op) {
    case 'run':
      run(message);
      break;
    case 'task-result':
      answer(message.call, (waiting) => waiting.resolve(message.result ?? null));
      break;
    case 'task-error':
      answer(message.call, (waiting) => waiting.reject(taskError(message)));
      break;
    case 'abort':
      executions.get(message.run)?.abort();
      break;
    default:
      console.error(`runner.mjs: unknown op '${message.op}' ignored`);
  }
});
// Java closed stdin: it wants no more answers. Timers of waiting executions would keep Node alive.
lines.on('close', () => process.exit(0));

send({ op: 'ready', node: process.version, library });
