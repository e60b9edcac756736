// "Post to Sentry as a comment", after a confirmation that shows what will be posted and where.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DexterError, Target } from '@/lib/messages';
import { send } from '../api';
import { ErrorPanel } from './ErrorPanel';

type Posting = { status: 'idle' | 'confirm' | 'posting' | 'posted' } | { status: 'error'; error: DexterError };

export function CommentButton({
  target,
  issueId,
  text,
  model,
}: {
  target: Target;
  issueId: string;
  text: string;
  model: string | null;
}) {
  const [posting, setPosting] = useState<Posting>({ status: 'idle' });
  const body = `${text.trim()}\n\n— explained by Dexter${model ? ` with ${model}` : ''} (AI-generated; check before acting)`;

  const post = async () => {
    setPosting({ status: 'posting' });
    const res = await send({ type: 'issue.comment', target, issueId, text: body.slice(0, 20_000) });
    setPosting(res.ok ? { status: 'posted' } : { status: 'error', error: res.error });
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        disabled={posting.status === 'posted'}
        onClick={() => setPosting({ status: 'confirm' })}
      >
        {posting.status === 'posted' ? 'Posted to Sentry' : 'Post to Sentry as a comment'}
      </Button>
      <Modal
        opened={posting.status === 'confirm' || posting.status === 'posting' || posting.status === 'error'}
        onClose={() => setPosting({ status: 'idle' })}
        title="Post this answer as a comment?"
      >
        <Stack gap="sm">
          <Text size="sm">
            Everyone with access to issue {issueId} in {target.org} will see it. The answer is AI-generated.
          </Text>
          {posting.status === 'error' && <ErrorPanel error={posting.error} title="The comment was not posted" />}
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setPosting({ status: 'idle' })}>
              Keep it private
            </Button>
            <Button size="xs" loading={posting.status === 'posting'} onClick={() => void post()}>
              Post comment
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
