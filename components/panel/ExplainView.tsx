// "Explain with AI": the streamed answer with Cancel, Regenerate, Copy, Post as comment and Preview prompt.
// Every phase says what is happening and what to do next.
import { Badge, Button, CopyButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Target } from '@/lib/messages';
import { Markdown } from '../Markdown';
import { send } from '../api';
import { CommentButton } from './CommentButton';
import { ErrorPanel } from './ErrorPanel';
import { isActive, type ExplainState } from './explainState';
import { PromptPreviewButton } from './PromptPreview';
import { useExplain, type ExplainStart } from './useExplain';

export type ExplainSource =
  { kind: 'issue'; target: Target; issueId: string; eventId: string } | { kind: 'selection'; nonce: string };

/** A margin over the background's own stall limit, so its clearer error normally arrives first. */
const SILENCE_MARGIN_SECONDS = 30;

function startMessage(source: ExplainSource, regenerate: boolean): ExplainStart {
  return source.kind === 'issue'
    ? { type: 'start', target: source.target, issueId: source.issueId, eventId: source.eventId, regenerate }
    : { type: 'start-selection', nonce: source.nonce };
}

function useBackgroundFacts() {
  const [model, setModel] = useState<string | null>(null);
  const [stallSeconds, setStallSeconds] = useState(90);
  useEffect(() => {
    let live = true;
    void send({ type: 'llm.status' }).then((res) => {
      if (live && res.ok && res.data.model) setModel(res.data.model);
    });
    void send({ type: 'settings.get' }).then((res) => {
      if (live && res.ok && res.data.llm?.stallSeconds) setStallSeconds(res.data.llm.stallSeconds);
    });
    return () => {
      live = false;
    };
  }, []);
  return { model, stallSeconds };
}

export function ExplainView({ source, autostart = false }: { source: ExplainSource; autostart?: boolean }) {
  const facts = useBackgroundFacts();
  const { state, start, cancel } = useExplain(facts.stallSeconds + SILENCE_MARGIN_SECONDS);
  const run = (regenerate: boolean) => start(startMessage(source, regenerate));
  const started = useRef(false);

  useEffect(() => {
    if (!autostart || started.current) return;
    started.current = true;
    start(startMessage(source, false));
  }, [autostart, source, start]);

  const model = state.model ?? facts.model;
  const active = isActive(state.phase);
  return (
    <Stack gap="xs" p="xs">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          {state.phase === 'idle' && (
            <Button size="xs" onClick={() => run(false)}>
              Explain with AI
            </Button>
          )}
          {active && (
            <Button size="xs" color="gray" onClick={cancel}>
              Cancel
            </Button>
          )}
          {(state.phase === 'done' || state.phase === 'cancelled') && (
            <Button size="xs" variant="default" onClick={() => run(true)}>
              Regenerate
            </Button>
          )}
        </Group>
        <Group gap="xs">
          {model && (
            <Badge variant="light" color="gray" data-testid="model">
              {model}
            </Badge>
          )}
          {source.kind === 'issue' && (
            <PromptPreviewButton target={source.target} issueId={source.issueId} eventId={source.eventId} />
          )}
        </Group>
      </Group>
      <PhaseLine state={state} source={source} />
      {state.phase === 'error' && state.error && <ErrorPanel error={state.error} onRetry={() => run(false)} />}
      {state.text && (
        <div data-testid="answer" aria-live="polite" aria-busy={active}>
          <Markdown source={state.text} />
        </div>
      )}
      {state.phase === 'done' && (
        <Group gap="xs">
          <CopyButton value={state.text}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          {source.kind === 'issue' && (
            <CommentButton target={source.target} issueId={source.issueId} text={state.text} model={model} />
          )}
        </Group>
      )}
    </Stack>
  );
}

function Busy({ children }: { children: string }) {
  return (
    <Group gap="xs" data-testid="phase">
      <Loader size="xs" />
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function Note({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" data-testid="phase">
      {children}
    </Text>
  );
}

function PhaseLine({ state, source }: { state: ExplainState; source: ExplainSource }) {
  const scrubbed = Object.values(state.scrubbed).reduce((a, b) => a + b, 0);
  switch (state.phase) {
    case 'idle':
      return (
        <Note>
          {source.kind === 'issue'
            ? 'Dexter sends this issue’s latest event, scrubbed of personal data, to your own model.'
            : 'Dexter sends the selected text, scrubbed of personal data, to your own model.'}
        </Note>
      );
    case 'connecting':
      return <Busy>Connecting to Dexter’s background and building the prompt…</Busy>;
    case 'waiting':
      return (
        <Busy>{`Prompt sent (${state.promptTokens ?? '?'} tokens${scrubbed ? `, ${scrubbed} personal details scrubbed` : ''}${state.deadlock ? ', deadlock analysis included' : ''}). Waiting for the first words — the model may be loading.`}</Busy>
      );
    case 'streaming':
      return <Busy>The model is writing…</Busy>;
    case 'done':
      return (
        <Note>
          {state.cached
            ? 'Saved answer from earlier — press Regenerate for a fresh one.'
            : `Fresh answer. AI can be wrong: check it against the event before acting.${state.saved ? '' : ' Not kept for next time: Dexter’s storage is full.'}`}
        </Note>
      );
    case 'cancelled':
      return <Note>Cancelled. Press Regenerate to ask again.</Note>;
    case 'error':
      return null;
  }
}
