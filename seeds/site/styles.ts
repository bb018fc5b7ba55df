/** The article page's stylesheet, inlined: the demo page loads nothing from anywhere else. */
export const ARTICLE_CSS = `
:root { --ink: #1d1b19; --muted: #5d5852; --paper: #fbf8f3; --rule: #d9d2c7; --accent: #9c2f23;
  --ok: #1f6b3a; --warn: #8a5a00; --bad: #a3261b; --none: #4b5563; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.6 Georgia, "Times New Roman", serif; }
.demo-banner { background: #222; color: #f5f0e6; font: 13px/1.4 system-ui, sans-serif; padding: 8px 16px; }
.demo-banner strong { color: #ffd58a; }
header.masthead { border-bottom: 3px double var(--ink); text-align: center; padding: 18px 16px 10px; }
.masthead .name { font-size: 40px; letter-spacing: 0.04em; font-weight: bold; margin: 0; }
.masthead .dateline { font: 13px system-ui, sans-serif; color: var(--muted); margin-top: 4px; }
main { max-width: 860px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 34px; line-height: 1.2; margin: 8px 0 6px; }
.standfirst { font-size: 19px; color: var(--muted); margin: 0 0 18px; }
.setup { font: 14px/1.5 system-ui, sans-serif; color: var(--muted); margin: 12px 0 0; }
.byline { font: 14px system-ui, sans-serif; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: 12px; }
h2 { font-size: 23px; margin: 34px 0 8px; border-top: 1px solid var(--rule); padding-top: 22px; }
h2 .n { color: var(--accent); margin-right: 8px; }
figure { margin: 14px 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font: 14px/1.45 system-ui, sans-serif; color: var(--muted); margin-top: 6px; }
.try { font: 14px/1.5 system-ui, sans-serif; background: #fff; border: 1px solid var(--rule);
  border-left: 5px solid var(--none); padding: 10px 14px; margin: 10px 0 4px; border-radius: 3px; }
.try.ok { border-left-color: var(--ok); }
.try.partial { border-left-color: var(--warn); }
.try.bad { border-left-color: var(--bad); }
.try .label { font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: 0.08em; color: var(--muted); }
.try .verdict { font-weight: 600; }
.try.ok .verdict { color: var(--ok); }
.try.partial .verdict { color: var(--warn); }
.try.bad .verdict { color: var(--bad); }
.try.none .verdict { color: var(--none); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
@media (max-width: 700px) { .pair { grid-template-columns: 1fr; } }
.player { background: #fff; border: 1px solid var(--rule); padding: 14px; border-radius: 3px; }
.player .show { font: 600 15px system-ui, sans-serif; }
.player audio { width: 100%; margin-top: 8px; }
blockquote { margin: 18px 0 6px; padding: 6px 0 6px 22px; border-left: 4px solid var(--accent);
  font-size: 21px; line-height: 1.45; font-style: italic; }
blockquote footer { font: normal 14px system-ui, sans-serif; color: var(--muted); margin-top: 6px; }
.misprint blockquote { border-left-color: #999; }
.aside { font: 14px/1.5 system-ui, sans-serif; background: #efe9df; padding: 14px 16px; border-radius: 3px; margin-top: 30px; }
a { color: var(--accent); }
code { font: 13px ui-monospace, Menlo, monospace; background: #efe9df; padding: 1px 4px; border-radius: 2px; }
`;
