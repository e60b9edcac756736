// How long a prompt may be and how long Dexter waits for a silent model, with the model's context read back so
// the user sees where the budget comes from.
import { NumberInput, Text } from '@mantine/core';
import type { LlmContextReport } from '@/lib/messages';
import { useSettings, useSettingsStore } from './context';

const n = (x: number) => x.toLocaleString('en-US');
const SOURCE: Record<NonNullable<LlmContextReport['source']>, string> = {
  'ollama-num_ctx': 'the model’s num_ctx',
  'ollama-model': 'the model',
  vllm: 'vLLM',
  'llama.cpp': 'llama.cpp',
  'lm-studio': 'LM Studio',
};

/** "Model context: 8,192 tokens (from the model); prompt budget 5,120, 2,048 kept for the answer". */
export function contextLine(c: LlmContextReport, override: number | 'auto'): string {
  const context =
    c.tokens === null
      ? 'Model context: unknown (the server does not say)'
      : `Model context: ${n(c.tokens)} tokens (from ${SOURCE[c.source!]})`;
  const capped = c.capped && override !== 'auto' ? ` — your ${n(override)} does not fit` : '';
  const reserve = c.tokens === null ? '' : `, ${n(c.answerReserve)} kept for the answer`;
  return `${context}; prompt budget ${n(c.promptBudget)}${capped}${reserve}`;
}

/** The budget field's text: empty means automatic. Returns the setting, or null when the text is no budget. */
export function budgetFromText(text: string): number | 'auto' | null {
  const digits = text.replace(/[^\d]/g, '');
  if (!digits) return 'auto';
  const v = Number(digits);
  return v >= 500 && v <= 128_000 ? v : null;
}

export function LlmLimits() {
  const store = useSettingsStore();
  const llm = useSettings((s) => s.settings?.llm);
  const context = useSettings((s) => s.llm?.context);
  if (!llm) return null;
  // A new budget changes the plan the status reads back, so the status is asked again.
  const patch = (values: Record<string, unknown>) =>
    void store
      .getState()
      .patch('llm', values)
      .then(async (ok) => void (ok && (await store.getState().refreshLlm())));
  return (
    <>
      {context && (
        <Text size="xs" data-testid="llm-context">
          {contextLine(context, llm.promptBudget)}
        </Text>
      )}
      <NumberInput
        label="Prompt budget (tokens)"
        description="Empty: follow the model’s context. A number overrides it, up to what the context holds."
        placeholder="Automatic"
        min={500}
        max={128000}
        step={500}
        allowDecimal={false}
        defaultValue={llm.promptBudget === 'auto' ? '' : llm.promptBudget}
        onBlur={(e) => {
          const v = budgetFromText(e.currentTarget.value);
          if (v !== null && v !== llm.promptBudget) patch({ promptBudget: v });
        }}
      />
      <NumberInput
        label="Stall timeout (seconds)"
        description="No word from the model for this long ends the answer with an error."
        min={5}
        max={600}
        allowDecimal={false}
        defaultValue={llm.stallSeconds}
        onBlur={(e) => {
          const v = Number(e.currentTarget.value.replace(/[^\d]/g, ''));
          if (v >= 5 && v <= 600 && v !== llm.stallSeconds) void store.getState().patch('llm', { stallSeconds: v });
        }}
      />
    </>
  );
}
