// Runs one Explain stream at a time over the port and feeds the state machine; a port that goes quiet for
// longer than the background's own stall limit becomes an error, so the view never spins forever.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ExplainClientMessage } from '@/lib/messages';
import { connectExplain, type ExplainPort } from './explainPort';
import { explainReducer, INITIAL_EXPLAIN, type ExplainState } from './explainState';

export type ExplainStart = Extract<ExplainClientMessage, { type: 'start' | 'start-selection' }>;

export interface ExplainControls {
  state: ExplainState;
  start(message: ExplainStart): void;
  cancel(): void;
}

export function useExplain(silentAfterSeconds: number): ExplainControls {
  const [state, dispatch] = useReducer(explainReducer, INITIAL_EXPLAIN);
  const portRef = useRef<ExplainPort | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const silentRef = useRef(silentAfterSeconds);
  silentRef.current = silentAfterSeconds;

  const stopTimer = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = null;
  }, []);
  const armTimer = useCallback(() => {
    stopTimer();
    const seconds = silentRef.current;
    timerRef.current = setTimeout(() => dispatch({ type: 'silent', seconds }), seconds * 1000);
  }, [stopTimer]);

  const close = useCallback(() => {
    stopTimer();
    const port = portRef.current;
    portRef.current = null;
    try {
      port?.disconnect();
    } catch {
      // already gone
    }
  }, [stopTimer]);

  const start = useCallback(
    (message: ExplainStart) => {
      close();
      dispatch({ type: 'start' });
      let port: ExplainPort;
      try {
        port = connectExplain();
      } catch {
        dispatch({ type: 'disconnected' });
        return;
      }
      portRef.current = port;
      port.onMessage((m) => {
        if (portRef.current !== port) return;
        dispatch({ type: 'server', message: m });
        if (m.type === 'done' || m.type === 'error') close();
        else armTimer();
      });
      port.onDisconnect(() => {
        if (portRef.current !== port) return;
        portRef.current = null;
        stopTimer();
        dispatch({ type: 'disconnected' });
      });
      armTimer();
      port.post(message);
    },
    [armTimer, close, stopTimer],
  );

  const cancel = useCallback(() => {
    try {
      portRef.current?.post({ type: 'cancel' });
    } catch {
      // the port died already; cancelling locally is all that is left
    }
    dispatch({ type: 'cancel' });
    close();
  }, [close]);

  useEffect(() => close, [close]);
  return { state, start, cancel };
}
