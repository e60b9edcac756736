// Just enough styling for screenshots to look like Sentry. Sentry marks the theme on
// <body class="theme-light|theme-dark"> and <meta name="color-scheme">; the real CSS is
// emotion's, keyed on hashed classes, so this sheet keys on tags, roles and data-*
// attributes instead and never on the hashed class names.

export type Theme = 'light' | 'dark';

export function themeMeta(theme: Theme): string {
  return `<meta name="color-scheme" content="${theme}"><meta name="theme-color" content="${theme === 'dark' ? '#1D1127' : '#FFFFFF'}">`;
}

export const REPLICA_CSS = `
body{margin:0;font:14px/1.4 Rubik,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif}
body.theme-light{--bg:#fff;--bg2:#f7f6f9;--text:#2b2233;--sub:#71637e;--border:#e0dce5;--accent:#6c5fc7;--hover:#f3f1f6;--chart:#b9b2c8}
body.theme-dark{--bg:#1a141f;--bg2:#231c2a;--text:#ebe6ef;--sub:#a398ae;--border:#3a2f45;--accent:#8d7ee6;--hover:#2a2232;--chart:#5a4d6b}
body{background:var(--bg);color:var(--text)}
a{color:var(--accent);text-decoration:none}
[data-sentry-element="AppContainer"]{display:flex;min-height:100vh}
[data-sentry-component="Indicators"]{position:fixed;bottom:16px;left:80px}
[data-sentry-component="NavContent"]{width:74px;flex:none;background:var(--bg2);border-right:1px solid var(--border)}
[data-sentry-element="VisuallyHidden"]{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
[role="tablist"]{display:flex;gap:20px;list-style:none;margin:0;padding:0;border-bottom:1px solid var(--border)}
[role="tablist"] a{display:block;padding:6px 0;color:var(--sub)}
[role="tab"][aria-selected="true"] a{color:var(--text);border-bottom:2px solid var(--accent)}
[data-sentry-component="IssueSearch"]{display:flex;gap:8px;margin:12px 0}
[data-sentry-component="SearchQueryBuilderUI"]{flex:1}
[data-sentry-component="SearchQueryBuilderUI"] input{width:100%;box-sizing:border-box}
[data-sentry-component="NavContent"] ul{list-style:none;margin:0;padding:8px 0}
[data-sentry-component="NavContent"] li a{display:block;padding:10px 6px;font-size:12px;text-align:center;color:var(--sub)}
[data-sentry-component="NavContent"] li a[aria-current="page"]{color:var(--text);font-weight:600}
#main{flex:1;min-width:0;padding:0 24px 48px}
header{padding:16px 0}
h1{font-size:20px;margin:0 0 12px}
button{font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:4px 10px;cursor:pointer}
input[type="text"],textarea{font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:6px 10px}
[data-sentry-component="StreamGroup"],tr[data-test-id="group"]{position:relative;border-top:1px solid var(--border)}
div[data-test-id="group"]{display:flex;align-items:center;min-height:82px;padding:8px 0}
div[data-test-id="group"]>div{margin-right:16px;white-space:nowrap}
div[data-test-id="group"]>[data-sentry-element="GroupSummary"]{flex:1;min-width:0;white-space:normal;overflow-wrap:anywhere}
[data-sentry-component="IssueListActions"]>[data-sentry-component="Headers"]{display:flex;gap:16px;margin-left:auto}
table[data-sentry-component="IssueListTable"]{width:100%;border-collapse:collapse}
tr[data-test-id="group"]>td{padding:8px 16px 8px 0;vertical-align:middle}
tr[data-test-id="group"]>td[role="presentation"]{display:none}
table[data-sentry-component="IssueListTable"] th{text-align:left;padding:8px 16px 8px 0;color:var(--sub);font-size:12px;font-weight:600;text-transform:uppercase;white-space:nowrap}
tr[data-test-id="group"]>td[role="cell"]{width:1%;white-space:nowrap}
tr[data-test-id="group"]>td[role="cell"]:has([data-test-id="event-issue-header"]){width:auto;white-space:normal;overflow-wrap:anywhere}
[data-issue-title-link] [data-sentry-element="Message"]{margin-left:8px;color:var(--sub);font-weight:400}
[data-sentry-component="GroupMetaRow"]{display:flex;gap:10px}
[data-test-id="group"]:hover{background:var(--hover)}
[data-test-id="group"] [data-issue-title-link]{color:var(--text);font-weight:600}
[data-test-id="group"] [data-issue-title-link]::before{content:'';position:absolute;top:0;left:0;right:0;bottom:0}
[data-test-id="group"] [data-issue-title-link]:hover [data-issue-title-primary]{text-decoration:underline}
[data-test-id="group"] label,[data-test-id="group"] input,[data-test-id="group"] button,[data-test-id="group"] time{position:relative;z-index:1}
[data-test-id="unread-issue-indicator"]{width:8px;height:8px;border-radius:50%;background:var(--accent)}
[data-sentry-component="EventMessage"],[data-sentry-component="GroupMetaRow"],[data-sentry-component="EventOrGroupExtraDetails"]{color:var(--sub);font-size:13px}
[data-sentry-component="Count"]{font-variant-numeric:tabular-nums}
div[data-sentry-component="IssueListActions"]{display:flex;gap:16px;align-items:center;padding:8px 0;color:var(--sub);font-size:12px;text-transform:uppercase}
[data-sentry-component="Pagination"]{display:flex;justify-content:space-between;padding:12px 0;color:var(--sub)}
svg[role="img"] rect{fill:var(--chart)}
[data-test-id="loading-placeholder"]{background:var(--bg2);border-radius:4px;margin:2px 0}
[data-test-id="loading-indicator"]{padding:48px 0;text-align:center;color:var(--sub)}
[data-sentry-element="SecondaryCount"]::before{content:'/';padding:0 2px}
section[role="region"]{padding:12px 0;border-top:1px solid var(--border)}
section[role="region"]>div>button{border:0;font-weight:600;background:none;padding:0}
li[data-test-id="line"]{list-style:none;border:1px solid var(--border);margin-top:-1px;padding:6px 10px}
li[data-test-id="line"].system-frame{color:var(--sub)}
[data-test-id="context-line"]{display:flex;gap:12px;font:12px/1.5 monospace;white-space:pre}
[data-test-id="context-line"].active{background:var(--hover)}
pre{white-space:pre-wrap;margin:4px 0}
aside{width:320px;border-left:1px solid var(--border);padding:0 16px}
[data-test-id="group-event-details"][data-sentry-component="GroupLayoutBody"]{display:flex;gap:16px}
[data-test-id="group-event-details"][data-sentry-component="GroupLayoutBody"]>div{flex:1;min-width:0}
[role="banner"]{display:flex;gap:8px;align-items:center;padding:8px 0;border-bottom:1px solid var(--border)}
[data-test-id="breadcrumb-list"]{display:flex;gap:8px;align-items:center;font-size:13px;color:var(--sub)}
[data-sentry-component="IssueIdBreadcrumb"]{display:flex;gap:6px;align-items:center}
[data-sentry-component="PlatformList"] img{display:none}
[data-sentry-element="HeaderGrid"]{display:grid;grid-template-columns:minmax(0,1fr) auto auto;gap:2px 24px;align-items:end;margin:10px 0 4px}
[data-sentry-element="HeaderGrid"]>:last-child{grid-column:1/-1;display:flex;gap:8px;color:var(--sub);font-size:13px}
[data-sentry-element="PrimaryTitle"]{font-size:20px;font-weight:600}
[data-sentry-element="StatTitle"]{font-size:12px;font-weight:600;text-transform:uppercase}
[data-sentry-element="HeaderGrid"]>[data-sentry-component="Count"]{font-size:18px}
[data-sentry-element="ActionBar"]{justify-content:space-between}
[data-sentry-element="TreeRow"],[data-sentry-element="ContentWrapper"]{display:grid;grid-template-columns:minmax(120px,30%) 1fr;gap:12px;padding:3px 0;font-size:13px}
[data-sentry-element="TreeSearchKey"]{display:none}
[data-sentry-element="TreeKey"],.kv-key{color:var(--sub)}
[data-sentry-element="TreeValueTrunk"]{display:flex;justify-content:space-between}
.invisible{visibility:hidden}
[data-sentry-element="HighlightContainer"]{display:grid;grid-template-columns:1fr 1fr;gap:0 24px}
[data-sentry-element="ActionBar"]>div,[data-sentry-component="GroupActions"]>div,[data-sentry-element="Workflow"]>div{display:flex;gap:6px;align-items:center}
[data-sentry-component="GroupActions"],[data-sentry-element="Workflow"]{display:flex;gap:12px;align-items:center}

`;
