// Privacy mode on Sentry's own issue page (for screen sharing): PII in the rendered event data is masked, Sentry's
// page keeps working, and switching the mode off puts the original text back.
import { check, setSettings, setToken, type Scenario } from './driver';

const hasText = (arg: { selector: string; text: string }) =>
  !!document.querySelector(arg.selector)?.textContent?.includes(arg.text);

export const scenarios: Scenario[] = [
  {
    name: 'privacy mode masks emails and IPs in the event Sentry renders, and restores them when switched off',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const org = d.world.sentry.store.findOrg('acme')!;
      const project = d.world.sentry.store.projectsOf(org)[0]!;
      const { issue } = d.world.sentry.store.addEvent(project.id, {
        id: 'abcdefabcdefabcdefabcdefabcdef12',
        eventID: 'abcdefabcdefabcdefabcdefabcdef12',
        platform: 'node',
        level: 'error',
        dateCreated: new Date().toISOString(),
        title: 'TypeError: cannot read properties of undefined',
        culprit: 'checkout(app/cart)',
        entries: [
          {
            type: 'exception',
            data: {
              values: [
                {
                  type: 'TypeError',
                  value: 'lookup failed for jane.doe@example.com from 203.0.113.42',
                  stacktrace: { frames: [{ filename: 'app/cart.js', function: 'checkout', lineNo: 12, inApp: true }] },
                },
              ],
            },
          },
        ],
        tags: [{ key: 'user.email', value: 'jane.doe@example.com' }],
        user: { email: 'jane.doe@example.com', ip_address: '203.0.113.42' },
        contexts: {},
      });
      const page = await d.page(`https://acme.sentry.io/issues/${issue.id}/`);
      const value = '[data-test-id="exception-value"]';
      await page.waitFor(hasText, { selector: value, text: 'jane.doe@example.com' }, { what: 'the exception value' });

      await setSettings(d, { privacy: { privacyMode: true } });
      await page.waitFor(
        hasText,
        { selector: value, text: '[email]' },
        { what: 'the email masked', timeoutMs: 15_000 },
      );
      await page.waitFor(hasText, { selector: value, text: '[ip]' }, { what: 'the IP masked' });
      check(
        !(await page.evaluate(() => document.body.innerText, null)).includes('jane.doe@example.com'),
        'the email still shows somewhere on the page',
      );

      await setSettings(d, { privacy: { privacyMode: false } });
      await page.waitFor(
        hasText,
        { selector: value, text: 'jane.doe@example.com' },
        { what: 'the email restored', timeoutMs: 15_000 },
      );
    },
  },
];
