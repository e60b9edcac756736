// The Explorer's "Filter loaded issues" box (no request: it narrows the rows already loaded).
import { TextInput } from '@mantine/core';
import { memo, startTransition, useState } from 'react';

/** The "Filter loaded issues" box: the text shows at once, the rows are filtered in a transition behind it. */
export const LocalFilter = memo(function LocalFilter({ onFilter }: { onFilter(text: string): void }) {
  const [text, setText] = useState('');
  return (
    <TextInput
      size="xs"
      label="Filter loaded issues"
      value={text}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        startTransition(() => onFilter(v));
      }}
    />
  );
});
