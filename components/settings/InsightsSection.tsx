// Local-AI triage (issue #17): summaries of the rows in view without a click, how many summary calls run at once on
// the model server, and the embedding model for similar issues (none: Dexter's model-free similarity).
import { Fieldset, NativeSelect, NumberInput, Stack, Switch } from '@mantine/core';
import { useSettings, useSettingsStore } from './context';

export const CONCURRENCY = { min: 1, max: 4 } as const;

export function InsightsSection() {
  const store = useSettingsStore();
  const insights = useSettings((s) => s.settings?.insights);
  const models = useSettings((s) => s.llm?.models); // no fresh [] in the selector: it would render forever
  if (!insights) return null;
  const patch = (values: Record<string, unknown>) => void store.getState().patch('insights', values);
  const choices = [...new Set([...(insights.embedModel ? [insights.embedModel] : []), ...(models ?? [])])];
  return (
    <Fieldset legend="Local-AI triage">
      <Stack gap="xs">
        <Switch
          label="Summarise the rows in view automatically"
          description="One call to your model per issue shown; off: only when you press Summarize."
          checked={insights.autoSummaries}
          onChange={(e) => patch({ autoSummaries: e.currentTarget.checked })}
        />
        <NumberInput
          label="Summary calls at once per model server"
          description="One suits a laptop’s GPU; more only if your server runs requests in parallel."
          size="xs"
          min={CONCURRENCY.min}
          max={CONCURRENCY.max}
          allowDecimal={false}
          defaultValue={insights.concurrency}
          onBlur={(e) => {
            const n = Number(e.currentTarget.value);
            if (Number.isInteger(n) && n >= CONCURRENCY.min && n <= CONCURRENCY.max && n !== insights.concurrency)
              patch({ concurrency: n });
          }}
        />
        <NativeSelect
          label="Embedding model for similar issues"
          description="A model on your LLM server (e.g. nomic-embed-text); none: Dexter compares the issues’ signatures itself."
          value={insights.embedModel}
          onChange={(e) => patch({ embedModel: e.currentTarget.value })}
          data={[{ value: '', label: 'None (model-free similarity)' }, ...choices.map((m) => ({ value: m, label: m }))]}
        />
      </Stack>
    </Fieldset>
  );
}
